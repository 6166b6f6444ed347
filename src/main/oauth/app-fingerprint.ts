import { createHash } from 'node:crypto';

/** 29 letters and digits that are hard to mistake for one another when read off a screen (no 0/O, 1/I/L, U/V). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const LENGTH = 6;

/**
 * A short code for an app, worked out from its client id: `K7F-2QX`. Two apps may both call themselves "Cursor"; their
 * client ids differ, and so, but for a chance of one in 29⁶ (about 600 million), do their codes. The same app keeps its
 * code for as long as it keeps its registration, so the owner can tell "the Cursor I set up" from a newcomer at a
 * glance, without reading a 40-character identifier. The gateway assigns registered apps' and setup snippets' ids,
 * so they cannot pick a look-alike code; an app known by its metadata document picks its own id (a URL) and could try
 * many for a matching code, which is why such apps also show the domain that published them.
 */
export function appFingerprint(clientId: string): string {
  const digest = createHash('sha256').update(clientId, 'utf8').digest();
  let value = digest.readUIntBE(0, 6);
  let code = '';
  for (let i = 0; i < LENGTH; i++) {
    code += ALPHABET[value % ALPHABET.length];
    value = Math.floor(value / ALPHABET.length);
  }
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}
