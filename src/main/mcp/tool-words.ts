import type { AuditStatus } from '../../shared/audit-row.ts';
import { plainText, type Sentence } from '../../shared/sentence.ts';
import type { Services } from '../services.ts';
import type { ToolDefinition } from './tool.ts';
import { TOOLS } from './tools/index.ts';

/** One call in words, for whatever tool: what the owner is asked, and what the log says it did (null: no names to give). */
export interface CallWords {
  readonly ask: Sentence;
  readonly did: string | null;
}

/**
 * A call in the owner's words: its tool's describer's, read from the services now. A read its describer cannot name
 * (or that has none) says what its counted words say ("looked at your classes"); a change whose record is missing is
 * asked by the tool's title and gets no sentence in the log (its reason says what was missing). A describer never
 * stops a call: one that fails counts as one that could not name its record.
 */
export function describeCall(tool: ToolDefinition, args: unknown, services: Services): CallWords {
  let described;
  try {
    described = tool.describe?.(args as never, services);
  } catch {
    described = undefined;
  }
  if (described) return described;
  return { ask: [{ text: tool.title }], did: tool.annotations.readOnlyHint ? tool.counted.did : null };
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The log's sentence for a call that ended with `status`: what it did ("cancelled Ben Ortiz's booking in Morning
 * Flow on Tue 3 Dec 09:00"), or, when it did not run, what it tried ("tried to delete client Anna Nilsson — 14
 * bookings and notes"), so a search for a name finds attempts too. The app's name is not in it: the log shows it.
 */
export function summaryOf(words: CallWords, status: AuditStatus): string | null {
  if (words.did === null) return null;
  return status === 'ok' ? words.did : `tried to ${lowerFirst(plainText(words.ask))}`;
}

/** How many different things a count phrase names before it sums up the rest ("and 9 other actions"). */
const MOST_NAMED = 4;

interface Tally {
  words: string;
  count: number;
  /** Changes come before looks: what an app changed matters more to the owner than what it read. */
  changed: boolean;
}

const times = (count: number) => (count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`);

/**
 * What an app did, counted in the owner's words, for the Connected apps cards: "sent 1 message, cancelled 2 bookings,
 * looked at your classes 5 times". Tools with the same words add up; changes come first, then the most frequent;
 * after four phrases the rest are summed ("and 6 other actions"). A tool no longer in the table (an old log row)
 * counts among those other actions. No activity is the empty string.
 */
export function describeActivity(counts: readonly { tool: string; count: number }[], tools: readonly ToolDefinition[] = TOOLS): string {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const tallies = new Map<string, Tally>();
  let unknown = 0;
  for (const { tool: name, count } of counts) {
    if (!(count > 0)) continue;
    const tool = byName.get(name);
    if (!tool) {
      unknown += count;
      continue;
    }
    const { did, one } = tool.counted;
    const key = one === undefined ? did : `${did} ${one}`;
    const tally = tallies.get(key) ?? { words: key, count: 0, changed: !tool.annotations.readOnlyHint };
    tally.count += count;
    tallies.set(key, tally);
    // The phrase is made once the count is known: "1 booking" or "2 bookings".
    tally.words = one === undefined ? `${did} ${times(tally.count)}` : `${did} ${tally.count} ${tally.count === 1 ? one : tool.counted.many}`;
  }
  const ordered = [...tallies.values()].sort((a, b) => Number(b.changed) - Number(a.changed) || b.count - a.count);
  const named = ordered.slice(0, MOST_NAMED).map((tally) => tally.words);
  const rest = ordered.slice(MOST_NAMED).reduce((sum, tally) => sum + tally.count, unknown);
  if (rest > 0) named.push(`${named.length > 0 ? 'and ' : ''}${rest} other ${rest === 1 ? 'action' : 'actions'}`);
  return named.join(', ');
}
