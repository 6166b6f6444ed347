import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_ARGS_CHARS, redactArgs, REDACTED } from '../../../src/main/audit/redact.ts';
import { databaseFile } from '../../../src/main/paths.ts';
import { startTestGateway } from '../../support/gateway.ts';
import { postMcp, tokenWithScopes, toolCall } from '../../support/mcp-agent.ts';
import { codeFlow, exchange, register, tokenRequest } from '../../support/oauth.ts';

describe('redaction', () => {
  it('replaces secret-looking keys at any depth, and keeps what carries no secret', () => {
    const { json } = redactArgs({ grant_type: 'refresh_token', refresh_token: 'r', nested: [{ password: 'p', Authorization: 'Bearer x' }], code_challenge_method: 'S256', name: 'Maya' });
    expect(JSON.parse(json)).toEqual({ grant_type: 'refresh_token', refresh_token: REDACTED, nested: [{ password: REDACTED, Authorization: REDACTED }], code_challenge_method: 'S256', name: 'Maya' });
  });

  it('redacts the fields a tool marks sensitive', () => {
    expect(JSON.parse(redactArgs({ client_id: 'c', notes: 'private' }, ['notes']).json)).toEqual({ client_id: 'c', notes: REDACTED });
  });

  it('truncates long arguments and says so', () => {
    const out = redactArgs({ body: 'x'.repeat(10_000) });
    expect(out.truncated).toBe(true);
    expect(out.json.length).toBeLessThan(MAX_ARGS_CHARS + 50);
    expect(out.json).toMatch(/…\[truncated \d+ characters\]$/);
  });

  it('writes none of the secrets planted in every request to the database file or the log', async () => {
    const tg = await startTestGateway();
    const planted = {
      clientSecret: 'PLANTED-client-secret-1f4e',
      password: 'PLANTED-password-9a2b',
      bearer: 'PLANTED-bearer-77c1',
      verifier: 'PLANTED-verifier-000000000000000000000000000000000000000000',
      noteMarker: 'PLANTED-note-5d3c',
      messageMarker: 'PLANTED-message-8e8e',
    };
    // Registration asking for a secret, with a password in its metadata.
    await register(tg, { redirect_uris: ['http://127.0.0.1:9/cb'], client_secret: planted.clientSecret, password: planted.password, token_endpoint_auth_method: 'client_secret_post' });
    // A real flow: its code, verifier, access and refresh tokens are secrets too.
    const flow = await codeFlow(tg);
    const tokens = await exchange(tg, flow);
    await tokenRequest(tg, { grant_type: 'authorization_code', code: flow.code, code_verifier: planted.verifier, client_id: flow.clientId, redirect_uri: 'http://127.0.0.1:52345/callback', client_secret: planted.clientSecret });
    await tokenRequest(tg, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: flow.clientId, resource: tg.gateway.mcpUrl });
    await fetch(`${tg.gateway.issuer}/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: planted.bearer, client_id: flow.clientId }) });
    await postMcp(tg.gateway.mcpUrl, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { authorization: `Bearer ${planted.bearer}` });
    // Sensitive tool fields, on calls that are refused so that nothing legitimately stores the value.
    const token = await tokenWithScopes(tg, ['write:clients', 'write:messages', 'write:profile']);
    const auth = { authorization: `Bearer ${token}` };
    await postMcp(tg.gateway.mcpUrl, toolCall('update_client_notes', { client_id: 'cli_missing', notes: planted.noteMarker }), auth);
    await postMcp(tg.gateway.mcpUrl, toolCall('send_message', { client_id: 'cli_missing', subject: 'Hi', body: planted.messageMarker }), auth);
    await postMcp(tg.gateway.mcpUrl, toolCall('update_profile', { email: 'x@example.com', settings: { api_key: planted.password } }), auth);

    const secrets = [...Object.values(planted), flow.code, tokens.body.access_token ?? '', tokens.body.refresh_token ?? '', token];
    const audit = JSON.stringify(tg.gateway.services.storage.db.prepare('SELECT * FROM audit_log').all());
    expect(audit.length).toBeGreaterThan(1000);
    tg.gateway.services.storage.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(databaseFile(tg.dataDir));
    for (const secret of secrets) {
      expect(audit, secret).not.toContain(secret);
      expect(file.includes(Buffer.from(secret)), secret).toBe(false);
      expect(tg.log.lines.join('\n'), secret).not.toContain(secret);
    }
    expect(audit).toContain(REDACTED);
    await tg.close();
  });
});
