import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../src/main/paths.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { authorizeUrl, codeFlow, exchange, pkcePair, register, registerClient } from '../../support/oauth.ts';
import { TestBrowser } from '../../support/browser.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

describe('dynamic client registration (RFC 7591)', () => {
  it('registers a public client and ignores metadata it does not know', async () => {
    const { status, body } = await register(tg, { client_name: 'Cursor', redirect_uris: ['cursor://anysphere.cursor-retrieval/oauth/callback'], favourite_colour: 'teal' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ client_name: 'Cursor', token_endpoint_auth_method: 'none', application_type: 'native' });
    expect(body).not.toHaveProperty('favourite_colour');
    expect(body).not.toHaveProperty('client_secret');
  });

  it('accepts loopback http on 127.0.0.1, [::1] and localhost, and https', async () => {
    for (const uri of ['http://127.0.0.1:1234/cb', 'http://[::1]:1234/cb', 'http://localhost/cb', 'https://app.example/cb']) {
      const { status } = await register(tg, { redirect_uris: [uri] });
      expect(status, uri).toBe(201);
    }
  });

  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['data:text/html,hi', 'data'],
    ['http://example.com/cb', 'loopback'],
    ['http://127.0.0.1.evil.com/cb', 'loopback'],
  ])('refuses the redirect URI %s', async (uri, reason) => {
    const { status, body } = await register(tg, { redirect_uris: [uri] });
    expect(status).toBe(400);
    expect(['invalid_redirect_uri', 'invalid_client_metadata']).toContain(body.error);
    expect(String(body.error_description)).toContain(reason);
  });

  it('never issues a client secret, even when one is asked for, and none reaches the database', async () => {
    const { body } = await register(tg, { redirect_uris: ['http://127.0.0.1/cb'], token_endpoint_auth_method: 'client_secret_basic' });
    expect(body.token_endpoint_auth_method).toBe('none');
    expect(body).not.toHaveProperty('client_secret');
    const row = tg.gateway.services.storage.apps.find(String(body.client_id));
    expect(JSON.stringify(row?.metadata)).not.toContain('client_secret');
  });

  it('never echoes admin:* or unknown scopes from the registration request', async () => {
    const { status, body } = await register(tg, { redirect_uris: ['http://127.0.0.1/cb'], scope: 'admin:read admin:write read:profile bogus' });
    expect(status).toBe(201);
    expect(JSON.stringify(body)).not.toContain('admin:');
    expect(JSON.stringify(body)).not.toContain('bogus');
  });

  it('keeps registrations across a restart', async () => {
    const clientId = await registerClient(tg);
    const dataDir = tg.dataDir;
    await tg.gateway.close();
    tg = await startTestGateway({ dataDir });
    const flow = await codeFlow(tg, { clientId });
    const tokens = await exchange(tg, flow);
    expect(tokens.status).toBe(200);
  });
});

describe('tokens at rest', () => {
  it('stores codes and tokens only as hashes: the database file holds none of their values', async () => {
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    tg.gateway.services.storage.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(databaseFile(tg.dataDir));
    for (const secret of [flow.code, tokens.body.access_token, tokens.body.refresh_token]) {
      expect(secret).toBeTruthy();
      expect(file.includes(Buffer.from(secret as string))).toBe(false);
    }
  });
});

describe('authorize with redirect URIs', () => {
  async function startAuthorize(clientId: string, redirectUri: string) {
    const { challenge } = pkcePair();
    const url = authorizeUrl(tg, { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'mcp:tools', code_challenge: challenge, code_challenge_method: 'S256' });
    return new TestBrowser(tg.gateway.issuer).navigate(url);
  }

  it('lets a native client change the port of its loopback redirect (RFC 8252 §7.3)', async () => {
    const clientId = await registerClient(tg, { redirect_uris: ['http://127.0.0.1:5000/cb'] });
    const landing = await startAuthorize(clientId, 'http://127.0.0.1:6001/cb');
    expect(landing.url.pathname).toMatch(/^\/interaction\//);
  });

  it('does not treat localhost and 127.0.0.1 as the same redirect, and never redirects to a bad one', async () => {
    const clientId = await registerClient(tg, { redirect_uris: ['http://127.0.0.1:5000/cb'] });
    const landing = await startAuthorize(clientId, 'http://localhost:5000/cb');
    expect(landing.url.origin).toBe(tg.gateway.issuer);
    expect(landing.status).toBe(400);
    expect(landing.body).toContain('redirect_uri');
  });

  it('shows an error page for an unknown client and never redirects', async () => {
    const landing = await startAuthorize('no-such-client', 'http://127.0.0.1:5000/cb');
    expect(landing.url.origin).toBe(tg.gateway.issuer);
    expect(landing.status).toBe(400);
    expect(landing.body).toContain('invalid_client');
  });

  it('matches https redirects exactly: another path or an added query is refused', async () => {
    const clientId = await registerClient(tg, { redirect_uris: ['https://app.example/cb'] });
    for (const uri of ['https://app.example/CB', 'https://app.example/cb?x=1', 'https://app.example:8443/cb']) {
      const landing = await startAuthorize(clientId, uri);
      expect(landing.url.origin, uri).toBe(tg.gateway.issuer);
      expect(landing.status, uri).toBe(400);
    }
  });
});
