import { examples as core } from './core.ts';
import { examples as moneyAndInbox } from './money-and-inbox.ts';
import { examples as peopleAndPlaces } from './people-and-places.ts';
import type { ToolExamples } from './types.ts';

/** Valid arguments for every tool against the demo workspace. */
export const TOOL_EXAMPLES: ToolExamples = { ...core, ...moneyAndInbox, ...peopleAndPlaces };
