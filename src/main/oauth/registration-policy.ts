import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { LIMITS } from '../limits.ts';
import { hasUnsafeCharacters } from '../unsafe-text.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const ALLOWED_GRANT_TYPES = ['authorization_code', 'refresh_token'];

/** RFC 7591 §2 metadata that oidc-provider does not keep by itself but the control panel shows. */
export const EXTRA_CLIENT_METADATA = ['software_id', 'software_version'];

function isLoopbackHttp(uri: URL): boolean {
  return uri.protocol === 'http:' && LOOPBACK_HOSTS.has(uri.hostname);
}

/** Names shown to the owner: short, and nothing that could break a line or reorder what she reads. */
const NAME_FIELDS = new Set(['client_name', 'software_id', 'software_version']);

/**
 * Every value of the registration request within bounds, before anything is stored (RFC 7591 §3.2.2: the server
 * may refuse metadata; the error names the field): a flood of large registrations cannot fill the disk.
 */
function checkSizes(body: Record<string, unknown>): void {
  const refuse = (field: string, rule: string) => {
    throw new errors.InvalidClientMetadata(`${field} ${rule}`);
  };
  const checkString = (field: string, value: string) => {
    const max = NAME_FIELDS.has(field) ? LIMITS.clientNameChars : LIMITS.uriChars;
    if (value.length > max) refuse(field, `must be at most ${max} characters`);
    if (NAME_FIELDS.has(field) && hasUnsafeCharacters(value)) refuse(field, 'must not contain control, invisible or bidirectional characters');
  };
  for (const [field, value] of Object.entries(body)) {
    if (typeof value === 'string') checkString(field, value);
    else if (Array.isArray(value)) {
      if (value.length > LIMITS.redirectUris) refuse(field, `must list at most ${LIMITS.redirectUris} values`);
      for (const [i, item] of value.entries()) {
        if (typeof item === 'string') checkString(`${field}[${i}]`, item);
        else if (item !== null && typeof item === 'object') refuse(`${field}[${i}]`, 'must be a string');
      }
    } else if (value !== null && typeof value === 'object' && JSON.stringify(value).length > LIMITS.uriChars) {
      refuse(field, `must be at most ${LIMITS.uriChars} characters as JSON`);
    }
  }
}

/**
 * Runs on every dynamic registration before oidc-provider validates the metadata (its
 * `extraClientMetadata.validator` hook may rewrite the metadata object). RFC 7591 §3.2.1 lets the server
 * replace requested values; the response shows what was actually registered.
 */
export function registrationPolicy(
  ctx: KoaContextWithOIDC | undefined,
  key: string,
  value: unknown,
  metadata: Record<string, unknown>,
): void {
  if (value !== undefined && (typeof value !== 'string' || value.length > 200)) {
    throw new errors.InvalidClientMetadata(`${key} must be a string of at most 200 characters`);
  }
  // Apply the policy once per registration (the hook runs once per extra property), and only to new
  // registrations: stored clients were already shaped by it.
  if (key !== EXTRA_CLIENT_METADATA[0] || ctx?.oidc.route !== 'registration') return;
  const body = (ctx.oidc.body ?? {}) as Record<string, unknown>;
  checkSizes(body);

  // Public clients only: an app on the owner's machine cannot keep a secret from that machine
  // (RFC 8252 §8.5, OAuth 2.1 §2.1), and a stored client secret would be a secret on disk.
  metadata.token_endpoint_auth_method = 'none';
  // oidc-provider decides on a secret from the raw request, before this hook: take it back.
  delete metadata.client_secret;
  delete metadata.client_secret_expires_at;

  // RFC 7591 §2 defaults grant_types to authorization_code only; agents nearly always need refresh too, and
  // a refresh token is still only issued when the owner grants offline_access.
  if (body.grant_types === undefined) metadata.grant_types = [...ALLOWED_GRANT_TYPES];

  // Registration neither limits nor widens what a client may ask for: the owner decides at consent. A
  // requested `scope` is not kept, so unknown and reserved (admin:*) scopes are never echoed back
  // (Loopwise seed: admin scopes are excluded from registration responses).
  delete metadata.scope;

  const redirects = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris.map(String) : [];
  const parsed = redirects.map((uri) => URL.parse(uri));
  for (const [i, uri] of parsed.entries()) {
    if (uri?.protocol === 'http:' && !LOOPBACK_HOSTS.has(uri.hostname)) {
      // InvalidClientMetadata answers invalid_redirect_uri for a description about redirect_uris (RFC 7591 §3.2.2).
      throw new errors.InvalidClientMetadata(
        `redirect_uris[${i}] uses http on a host that is not loopback; use https, a loopback address ` +
          '(127.0.0.1, [::1], localhost) or a private-use scheme',
      );
    }
  }

  // A local agent is a native app (RFC 8252): loopback redirects may then change port per run (§7.3) and
  // private-use schemes such as cursor:// are allowed (§7.1). Clients that name their type keep it.
  if (body.application_type === undefined) {
    const native = parsed.some((uri) => uri && (isLoopbackHttp(uri) || !['http:', 'https:'].includes(uri.protocol)));
    if (native) metadata.application_type = 'native';
  }
}
