import { PortInUseError } from '../http/listen.ts';
import { DatabaseTooNewError } from '../storage/database.ts';

export type StartFailureAction = 'use-free-port' | 'open-data-folder' | 'quit';

export interface StartFailure {
  title: string;
  /** What happened and what to do, in plain words. */
  message: string;
  /** The buttons, the way out first; 'quit' is always last. */
  actions: StartFailureAction[];
}

export const ACTION_LABELS: Record<StartFailureAction, string> = {
  'use-free-port': 'Start on another port',
  'open-data-folder': 'Open the data folder',
  quit: 'Quit',
};

/** What the desktop app tells the owner when the gateway cannot start (a dialog; the CLI prints the same message). */
export function startFailure(err: unknown, dataDir: string): StartFailure {
  if (err instanceof PortInUseError) {
    return {
      title: 'Studio Gateway could not start',
      message: `${err.message.split('. ')[0]}. Another program, or another copy of Studio Gateway, is using it. Start on another port this time (your agents' settings then need the new address), or quit and close the other program.`,
      actions: ['use-free-port', 'quit'],
    };
  }
  if (err instanceof DatabaseTooNewError) {
    return {
      title: 'Your studio was saved by a newer Studio Gateway',
      message: `The workspace in ${dataDir} was saved by a newer version of Studio Gateway. Opening it with this one could lose what the newer one stored. Install the newer version, or open the data folder to move the workspace aside.`,
      actions: ['open-data-folder', 'quit'],
    };
  }
  const reason = err instanceof Error ? err.message : String(err);
  return {
    title: 'Studio Gateway could not start',
    message: `Something went wrong while starting: ${reason}. The log in the data folder has the details.`,
    actions: ['open-data-folder', 'quit'],
  };
}
