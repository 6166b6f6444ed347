import type { UpdatesView } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';
import { noInput } from './fields.ts';

/** Desktop app: look for a new version now, download it, or restart into it (never while a decision waits). */
export const updatesCalls = {
  'updates.check': read<UpdatesView>(({ settings }) => settings.updates().check()),

  'updates.download': read<UpdatesView>(({ settings }) => settings.updates().download()),

  'updates.install': call({
    input: noInput,
    output: returns<{ installing: boolean }>(),
    audit: {},
    handler: (_input, { settings }) => {
      settings.updates().install();
      return { installing: true };
    },
  }),
};
