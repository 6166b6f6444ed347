import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestGuard, isLoopbackOrigin } from '../../../src/main/http/origin.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';

/** node:http lets a test set Host and Origin freely (fetch would not). */
function raw(port: number, path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, setHost: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Host/Origin guard', () => {
  const guard = createRequestGuard(8787);

  it.each([
    ['127.0.0.1:8787', undefined, true],
    ['localhost:8787', undefined, true],
    ['LOCALHOST:8787', undefined, true],
    ['127.0.0.1:8787', 'http://127.0.0.1:8787', true],
    ['127.0.0.1:8787', 'http://localhost:6274', true],
    ['127.0.0.1:8787', 'http://[::1]:3000', true],
    ['evil.com', undefined, false],
    ['127.0.0.1', undefined, false],
    ['127.0.0.1:8788', undefined, false],
    ['127.0.0.1.evil.com:8787', undefined, false],
    ['[::1]:8787', undefined, false],
    ['0.0.0.0:8787', undefined, false],
    ['127.0.0.1:8787', 'null', false],
    ['127.0.0.1:8787', 'https://evil.com', false],
    ['127.0.0.1:8787', 'http://127.0.0.1.evil.com:8787', false],
    ['127.0.0.1:8787', 'http://localhost.evil.com', false],
    ['127.0.0.1:8787', 'http://user@127.0.0.1:8787', false],
    ['127.0.0.1:8787', 'file://', false],
    ['127.0.0.1:8787', 'chrome-extension://abcdef', false],
    ['127.0.0.1:8787', 'http://127.0.0.2:8787', false],
    ['127.0.0.1:8787', 'http://[::ffff:127.0.0.1]:8787', false],
  ])('Host %s with Origin %s → allowed: %s', (host, origin, allowed) => {
    const verdict = guard({ host, ...(origin === undefined ? {} : { origin }) });
    expect(verdict.ok).toBe(allowed);
  });

  it('recognises loopback origins exactly', () => {
    expect(isLoopbackOrigin('http://localhost:1')).toBe(true);
    expect(isLoopbackOrigin('http://localhost:1/')).toBe(false);
    expect(isLoopbackOrigin(undefined)).toBe(false);
  });
});

describe('the guard on the running gateway', () => {
  let tg: TestGateway;
  beforeAll(async () => {
    tg = await startTestGateway();
  });
  afterAll(async () => {
    await tg.close();
  });

  it.each(['/mcp', '/token', '/.well-known/oauth-authorization-server', '/panel', '/api/control/apps.list', '/authorize'])(
    'refuses a DNS-rebinding Host on %s with 403',
    async (path) => {
      const res = await raw(tg.gateway.port, path, { host: `attacker.example:${tg.gateway.port}` });
      expect(res.status).toBe(403);
    },
  );

  it('refuses a foreign Origin on every route, and Origin: null', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      for (const path of ['/mcp', '/token', '/register', '/.well-known/oauth-protected-resource/mcp']) {
        const res = await raw(tg.gateway.port, path, { host: `127.0.0.1:${tg.gateway.port}`, origin }, 'POST');
        expect(res.status, `${origin} ${path}`).toBe(403);
      }
    }
  });

  it('offers CORS to loopback origins on discovery and token endpoints, never on /mcp or the panel, never *', async () => {
    const origin = 'http://localhost:6274';
    const meta = await raw(tg.gateway.port, '/.well-known/oauth-protected-resource/mcp', { host: `127.0.0.1:${tg.gateway.port}`, origin });
    expect(meta.headers['access-control-allow-origin']).toBe(origin);
    const discovery = await raw(tg.gateway.port, '/.well-known/oauth-authorization-server', { host: `127.0.0.1:${tg.gateway.port}`, origin });
    expect(discovery.headers['access-control-allow-origin']).toBe(origin);
    const preflight = await raw(tg.gateway.port, '/register', { host: `127.0.0.1:${tg.gateway.port}`, origin, 'access-control-request-method': 'POST' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    for (const path of ['/mcp', '/panel', '/api/control/apps.list', '/interaction/x']) {
      const res = await raw(tg.gateway.port, path, { host: `127.0.0.1:${tg.gateway.port}`, origin }, 'POST');
      expect(res.status, path).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('sends no-store and nosniff on every response', async () => {
    for (const path of ['/mcp', '/.well-known/oauth-protected-resource', '/nowhere', '/panel']) {
      const res = await raw(tg.gateway.port, path, { host: `127.0.0.1:${tg.gateway.port}` });
      expect(res.headers['cache-control'], path).toBe('no-store');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    const { networkInterfaces } = await import('node:os');
    const other = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    const refused = await new Promise<boolean>((resolve) => {
      const target = other?.address ?? '127.0.0.2';
      const req = request({ host: target, port: tg.gateway.port, path: '/', timeout: 1000 }, () => resolve(false));
      req.on('error', () => resolve(true));
      req.on('timeout', () => {
        req.destroy();
        resolve(true);
      });
      req.end();
    });
    expect(refused).toBe(true);
  });
});
