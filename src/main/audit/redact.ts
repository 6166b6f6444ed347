/**
 * Redaction before anything reaches the audit log (issue: "tokens, codes, verifiers, secrets, passwords,
 * authorization headers, and fields marked sensitive are replaced by a marker"). Key-based and cautious:
 * a key that merely looks secret is redacted too.
 */
export const REDACTED = '[redacted]';

/** Keys whose values are secret wherever they appear (OAuth parameters, headers, credentials). */
const SECRET_KEY = /token|secret|password|passwd|passphrase|verifier|authori[sz]ation|cookie|credential|api[-_]?key|private[-_]?key|^code$|^state$|^nonce$|^key$|^sid$/i;
/** Keys that match the pattern above but carry no secret, kept so the log stays useful. */
const NOT_SECRET = new Set(['token_type_hint', 'token_endpoint_auth_method', 'code_challenge_method', 'response_type', 'grant_type']);

/** Arguments longer than this (as JSON) are cut, and the cut is noted. */
export const MAX_ARGS_CHARS = 4096;

function redactValue(value: unknown, sensitive: ReadonlySet<string>, depth: number): unknown {
  if (depth > 8) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, sensitive, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, sensitive.has(key) || (SECRET_KEY.test(key) && !NOT_SECRET.has(key)) ? REDACTED : redactValue(v, sensitive, depth + 1)]),
  );
}

export interface RedactedArgs {
  json: string;
  truncated: boolean;
}

/** Redacts, serialises and, past MAX_ARGS_CHARS, truncates (noting by how much). */
export function redactArgs(args: unknown, sensitiveKeys: readonly string[] = []): RedactedArgs {
  const json = JSON.stringify(redactValue(args ?? {}, new Set(sensitiveKeys), 0)) ?? '{}';
  if (json.length <= MAX_ARGS_CHARS) return { json, truncated: false };
  return { json: `${json.slice(0, MAX_ARGS_CHARS)}…[truncated ${json.length - MAX_ARGS_CHARS} characters]`, truncated: true };
}
