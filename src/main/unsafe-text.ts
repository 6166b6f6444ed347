/**
 * C0 and C1 controls, DEL, line and paragraph separators, bidirectional marks, overrides and isolates (Unicode TR 9),
 * and invisible characters (zero-width spaces and joiners, word joiner, BOM): each can start a forged line in a log
 * or make a name read otherwise than it is — "Cl\u200Baude" looks like "Claude" ("Trojan Source", CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');

export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** The text with every unsafe character shown as \uXXXX: one line stays one line, and reads as it is. */
export function escapeUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
