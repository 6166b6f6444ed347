/**
 * DNS-rebinding and cross-site defences (MCP spec, "Security Warning" for Streamable HTTP; CVE-2025-66414):
 * every request must name this gateway in Host, and may only come from a page on this machine.
 */
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An http(s) origin on a loopback address, any port: `http://localhost:6274`, never `http://127.0.0.1.evil.com`. */
export function isLoopbackOrigin(origin: string | undefined): boolean {
  if (!origin) return false;
  const url = URL.parse(origin);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  // An Origin header is scheme://host[:port] and nothing else.
  if (url.origin !== origin || url.username || url.password) return false;
  return LOOPBACK_HOSTNAMES.has(url.hostname);
}

export type OriginKind = 'none' | 'self' | 'loopback';

export type GuardVerdict = { ok: true; origin: OriginKind } | { ok: false; reason: string };

/**
 * Builds the Host/Origin check for a listener on 127.0.0.1:port. The gateway's own listener also answers as
 * `localhost` and to pages on other loopback ports (agents' browser-based clients, on the routes that allow CORS);
 * the panel's listener answers only as 127.0.0.1 and only to itself (`ownOriginOnly`): `localhost` may resolve to
 * [::1] first, where any other local user could be listening.
 */
export function createRequestGuard(port: number, options: { ownOriginOnly?: boolean } = {}) {
  const names = options.ownOriginOnly ? ['127.0.0.1'] : ['127.0.0.1', 'localhost'];
  const hosts = new Set(names.map((name) => `${name}:${port}`));
  const selfOrigins = new Set(names.map((name) => `http://${name}:${port}`));
  return (headers: { host?: string; origin?: string | string[] }): GuardVerdict => {
    const host = headers.host?.toLowerCase();
    if (!host || !hosts.has(host)) {
      return { ok: false, reason: `Host header must be ${[...hosts].join(' or ')}` };
    }
    const origin = headers.origin;
    if (origin === undefined) return { ok: true, origin: 'none' };
    if (Array.isArray(origin)) return { ok: false, reason: 'more than one Origin header' };
    if (selfOrigins.has(origin)) return { ok: true, origin: 'self' };
    if (!options.ownOriginOnly && isLoopbackOrigin(origin)) return { ok: true, origin: 'loopback' };
    return { ok: false, reason: `requests from ${origin === 'null' ? 'an opaque origin' : 'that origin'} are not allowed` };
  };
}
export type RequestGuard = ReturnType<typeof createRequestGuard>;
