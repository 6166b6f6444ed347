import { LIMITS } from '../limits.ts';

/**
 * A client_id that is a URL names the app's client metadata document (draft-ietf-oauth-client-id-metadata-document,
 * "Client Identifier URL"; MCP authorization 2025-11-25, "Client ID Metadata Documents"). Registered clients never
 * have one: oidc-provider makes their ids from [A-Za-z0-9_-] and setup snippets from "setup-…", so an id with a
 * scheme is always a document URL — usable or not.
 */
export function isUrlClientId(clientId: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(clientId);
}

/**
 * Why this client_id URL cannot name a metadata document, or undefined when it can. The draft's rules (https, a
 * path, no dot segments, no fragment, no user name or password), and no raw spaces, backslashes or control
 * characters, which URL parsers repair differently (the id is compared as a plain string, never normalised).
 */
export function clientIdUrlProblem(clientId: string): string | undefined {
  if (clientId.length > LIMITS.uriChars) return `must be at most ${LIMITS.uriChars} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  if (/[\u0000-\u0020\\\u007f]/.test(clientId)) return 'must not contain spaces, backslashes or control characters';
  if (!/^https:\/\//i.test(clientId)) return 'must start with https:// (the document is fetched only over https)';
  const url = URL.parse(clientId);
  if (!url) return 'is not a valid URL';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (clientId.includes('#')) return 'must not contain a fragment';
  const rawPath = clientId.slice('https://'.length).replace(/^[^/?]*/, '').split('?')[0] ?? '';
  if (rawPath.split('/').some((segment) => ['.', '..'].includes(segment.replace(/%2e/gi, '.')))) return 'must not contain . or .. path segments';
  if (url.pathname === '/') return 'must have a path, e.g. https://example.com/client.json';
  return undefined;
}

/**
 * The domain that vouches for this client, or undefined when its client_id is no usable document URL. oidc-provider
 * accepted the client only after fetching its document from this very URL over verified TLS and finding its own
 * client_id inside, so whoever controls this host published the app's name and redirect URIs. URL.host is the ASCII
 * (punycode) form, so a look-alike Unicode domain shows as what it is; a port shows only when it is not 443.
 */
export function metadataDocumentDomain(clientId: unknown): string | undefined {
  if (typeof clientId !== 'string' || !isUrlClientId(clientId) || clientIdUrlProblem(clientId)) return undefined;
  return URL.parse(clientId)?.host;
}
