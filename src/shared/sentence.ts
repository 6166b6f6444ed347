/**
 * A sentence for the owner in parts, the names of records marked: the panel shows a name in bold without ever reading
 * markup from data (a client called "<b>Anna</b>" stays text), and a plain-text host (a notification, the log) joins
 * the parts.
 */
export interface SentencePart {
  readonly text: string;
  /** A record's name ("Anna Nilsson", "Morning Flow"): what the owner checks first. */
  readonly name?: true;
}
export type Sentence = readonly SentencePart[];

/** The sentence as plain text. */
export function plainText(sentence: Sentence): string {
  return sentence.map((part) => part.text).join('');
}
