import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import { LIMITS } from '../limits.ts';
import { hasUnsafeCharacters } from '../unsafe-text.ts';
import { metadataDocumentDomain } from './client-id-url.ts';

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
 * The policy for every new client, whichever way it introduces itself: a dynamic registration (RFC 7591) or a client
 * metadata document (its client_id is an https URL; MCP authorization, "Client ID Metadata Documents"). It runs as
 * oidc-provider's `extraClientMetadata.validator` hook, which may rewrite the metadata object, before oidc-provider
 * validates the rest. RFC 7591 §3.2.1 lets the server replace requested values; the response shows what was actually
 * registered. A document cannot be answered with what was kept, so where a registration is corrected, a document that
 * asks for what is never granted is refused instead.
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
  // Apply the policy once per client (the hook runs once per extra property), and only to clients being introduced:
  // stored registrations were already shaped by it. oidc-provider builds a document's client afresh from its cached
  // document every time (without a request context), so the policy runs on the document each time, the same way.
  if (key !== EXTRA_CLIENT_METADATA[0]) return;
  if (ctx?.oidc.route === 'registration') shapeRegistration((ctx.oidc.body ?? {}) as Record<string, unknown>, metadata);
  else if (metadataDocumentDomain(metadata.client_id)) checkDocument(metadata);
}

function shapeRegistration(body: Record<string, unknown>, metadata: Record<string, unknown>): void {
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
  shapeCommon(metadata);
  // A local agent is a native app (RFC 8252): loopback redirects may then change port per run (§7.3) and
  // private-use schemes such as cursor:// are allowed (§7.1). Clients that name their type keep it.
  if (body.application_type === undefined && hasNativeRedirect(metadata)) metadata.application_type = 'native';
}

/**
 * A client metadata document: the same limits as a registration on what oidc-provider keeps of it (it drops metadata it
 * does not know, and the whole document is at most LIMITS.metadataDocumentBytes), a name to show the owner (MCP
 * requires client_name in the document), and a public client. Secrets and shared-secret methods oidc-provider
 * refuses by itself.
 */
function checkDocument(metadata: Record<string, unknown>): void {
  checkSizes(metadata);
  if (typeof metadata.client_name !== 'string' || !metadata.client_name.trim()) {
    throw new errors.InvalidClientMetadata('client_name is required in a client metadata document: it is the name the owner sees');
  }
  // Unset means none (clientDefaults); anything else would be a client authenticating with a key this gateway does
  // not accept (clientAuthMethods: none only).
  if (metadata.token_endpoint_auth_method !== 'none') {
    throw new errors.InvalidClientMetadata(
      `token_endpoint_auth_method must be none: this gateway accepts public clients only (RFC 8252 §8.5), not ${String(metadata.token_endpoint_auth_method)}`,
    );
  }
  shapeCommon(metadata);
  // As for a registration, an app with redirects on this machine is native (RFC 8252 §7.1, §7.3: the loopback port may
  // change per run, as Claude Code's and VS Code's do). A document's unstated type cannot be told from a stated
  // "web" (oidc-provider fills in its default first), so these redirects decide: they only ever lead to a native app.
  if (hasNativeRedirect(metadata)) metadata.application_type = 'native';
}

/** A loopback http redirect or a private-use scheme: the redirects of an app on the owner's machine. */
function hasNativeRedirect(metadata: Record<string, unknown>): boolean {
  const redirects = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris.map((uri) => URL.parse(String(uri))) : [];
  return redirects.some((uri) => uri && (isLoopbackHttp(uri) || !['http:', 'https:'].includes(uri.protocol)));
}

function shapeCommon(metadata: Record<string, unknown>): void {
  // Registration neither limits nor widens what a client may ask for: the owner decides at consent. A
  // requested `scope` is not kept, so unknown and reserved (admin:*) scopes are never echoed back
  // (Loopwise seed: admin scopes are excluded from registration responses).
  delete metadata.scope;

  // Subjects here are public only (no pairwise identifiers, OIDC Core §8.1), so a sector_identifier_uri has no use;
  // oidc-provider would still fetch it when the client is made, an outgoing request for nothing.
  if (metadata.sector_identifier_uri !== undefined) {
    throw new errors.InvalidClientMetadata('sector_identifier_uri is not supported: this gateway issues public subject identifiers only');
  }

  const redirects = Array.isArray(metadata.redirect_uris) ? metadata.redirect_uris.map(String) : [];
  for (const [i, uri] of redirects.map((text) => URL.parse(text)).entries()) {
    if (uri?.protocol === 'http:' && !LOOPBACK_HOSTS.has(uri.hostname)) {
      // InvalidClientMetadata answers invalid_redirect_uri for a description about redirect_uris (RFC 7591 §3.2.2).
      throw new errors.InvalidClientMetadata(
        `redirect_uris[${i}] uses http on a host that is not loopback; use https, a loopback address ` +
          '(127.0.0.1, [::1], localhost) or a private-use scheme',
      );
    }
  }
}
