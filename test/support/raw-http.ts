import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  /** Name/value pairs, sent as given: repeats stay repeated. Host defaults to 127.0.0.1:port. */
  headers?: [string, string][];
  body?: string | Buffer;
}

/** The path as it goes on the wire: visible ASCII as is (stray %, quotes, brackets and all), the rest percent-encoded. */
function wirePath(path: string): string {
  return [...path].map((c) => (/^[\x21-\x7e]$/.test(c) ? c : [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''))).join('');
}

/**
 * A header value as raw bytes: non-ASCII text goes as its UTF-8 bytes (Node sends header strings as latin1); the
 * control characters HTTP forbids in a field value are left out (no client can put them on the wire).
 */
function wireHeader(value: string): string {
  const allowed = [...value].filter((c) => c === '\t' || (c >= ' ' && c !== '\u007f')).join('');
  return Buffer.from(allowed, 'utf8').toString('latin1');
}

/**
 * One HTTP request with nothing tidied up (node:http, not fetch): any Host, Origin or repeated header, any bytes
 * in the body — what a hostile local process or a rebinding page can send.
 */
export function rawRequest(port: number, options: RawRequest = {}): Promise<RawResponse> {
  const headers = options.headers ?? [];
  const flat = headers.some(([name]) => name.toLowerCase() === 'host') ? [] : ['host', `127.0.0.1:${port}`];
  for (const [name, value] of headers) flat.push(name, wireHeader(value));
  if (options.body !== undefined) flat.push('content-length', String(Buffer.byteLength(options.body)));
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: wirePath(options.path ?? '/'), headers: flat, setHost: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // A server may answer (413) and close before a large body is written: the answer still counts, so a write
    // error fails the request only if no answer follows.
    req.on('error', (err) => setTimeout(() => answered || reject(err), 200));
    req.end(options.body);
  });
}
