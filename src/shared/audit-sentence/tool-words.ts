/**
 * A tool's title ("Cancel a booking") as the log's sentences use it: the infinitive ("cancel a booking") and the
 * past tense ("cancelled a booking"), both said to the owner ("your profile", never "my profile"). For rows written
 * before the gateway recorded each call's own sentence, and for calls that did not run.
 */

/** The past tense of each verb a tool's title starts with; a title starting with another verb is "used …". */
const PAST: Record<string, string> = {
  add: 'added',
  book: 'booked',
  cancel: 'cancelled',
  categorise: 'categorised',
  confirm: 'confirmed',
  create: 'created',
  delete: 'deleted',
  get: 'looked up',
  list: 'listed',
  mark: 'marked',
  record: 'recorded',
  remove: 'removed',
  reschedule: 'rescheduled',
  respond: 'responded',
  search: 'searched',
  send: 'sent',
  tag: 'tagged',
  update: 'updated',
};

/** "Get my profile" → "get your profile". */
export function infinitive(title: string): string {
  const words = title.replace(/\bmy\b/gi, 'your');
  return words.charAt(0).toLowerCase() + words.slice(1);
}

/** Each title's past tense once made: a CSV export asks for it once per row, a million times. */
const pastTenses = new Map<string, string>();

/** "Cancel a booking" → "cancelled a booking"; "Get my profile" → "looked up your profile". */
export function pastTense(title: string): string {
  let said = pastTenses.get(title);
  if (said === undefined) {
    const [verb = '', ...rest] = infinitive(title).split(' ');
    const past = PAST[verb];
    said = past ? [past, ...rest].join(' ') : `used “${title}”`;
    pastTenses.set(title, said);
  }
  return said;
}

/** A tool's title from its name when the gateway no longer offers it: "old_tool" → "Old tool". */
export function titleFromName(name: string): string {
  const words = name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
