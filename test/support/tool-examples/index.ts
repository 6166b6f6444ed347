import { examples as core } from './core.ts';
import { examples as moneyAndInbox } from './money-and-inbox.ts';
import { examples as peopleAndPlaces } from './people-and-places.ts';
import type { ToolExamples } from './types.ts';

/** For every tool: valid arguments against the demo workspace, and the check of what the call did. */
export const TOOL_EXAMPLES: ToolExamples = { ...core, ...moneyAndInbox, ...peopleAndPlaces };
