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

/** Builds the Host/Origin check for a gateway listening on 127.0.0.1:port. */
export function createRequestGuard(port: number) {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const selfOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return (headers: { host?: string; origin?: string | string[] }): GuardVerdict => {
    const host = headers.host?.toLowerCase();
    if (!host || !hosts.has(host)) {
      return { ok: false, reason: `Host header must be 127.0.0.1:${port} or localhost:${port}` };
    }
    const origin = headers.origin;
    if (origin === undefined) return { ok: true, origin: 'none' };
    if (Array.isArray(origin)) return { ok: false, reason: 'more than one Origin header' };
    if (selfOrigins.has(origin)) return { ok: true, origin: 'self' };
    if (isLoopbackOrigin(origin)) return { ok: true, origin: 'loopback' };
    return { ok: false, reason: `requests from ${origin === 'null' ? 'an opaque origin' : 'that origin'} are not allowed` };
  };
}
