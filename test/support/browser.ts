/**
 * A small user agent for OAuth flows in tests: follows redirects one by one, keeps cookies per path like a
 * browser (oidc-provider scopes its interaction cookies to /interaction/<uid> and /authorize/<uid>), and
 * stops where the gateway hands over to the client's redirect_uri.
 */
interface Cookie {
  name: string;
  value: string;
  path: string;
}

export interface Landing {
  /** The last URL reached: a gateway page, or the client's redirect_uri with the answer. */
  url: URL;
  status: number;
  body: string;
  /** The last response's headers (empty where the gateway handed over to another origin). */
  headers: Headers;
}

export class TestBrowser {
  readonly #cookies = new Map<string, Cookie>();
  readonly #origin: string;

  constructor(gatewayOrigin: string) {
    this.#origin = gatewayOrigin;
  }

  #store(setCookie: string[], requestPath: string): void {
    for (const line of setCookie) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq <= 0) continue;
      const cookie: Cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), path: requestPath.replace(/\/[^/]*$/, '') || '/' };
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', value = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') cookie.path = value;
        if (key.toLowerCase() === 'max-age' && Number(value) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(value) < Date.now()) expired = true;
      }
      const key = `${cookie.name};${cookie.path}`;
      if (expired || cookie.value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, cookie);
    }
  }

  #cookieHeader(path: string): string {
    return [...this.#cookies.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** Navigates like a browser: GET, following redirects within the gateway, up to 20 hops. */
  async navigate(start: string | URL): Promise<Landing> {
    let url = new URL(start);
    for (let hop = 0; hop < 20; hop++) {
      if (url.origin !== this.#origin) return { url, status: 0, body: '', headers: new Headers() };
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: this.#cookieHeader(url.pathname), accept: 'text/html' } });
      this.#store(response.headers.getSetCookie(), url.pathname);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      return { url, status: response.status, body: await response.text(), headers: response.headers };
    }
    throw new Error('too many redirects');
  }
}
