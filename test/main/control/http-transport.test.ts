import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ERRORS, httpStatus } from '../../../src/main/errors.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await tg.close();
});

const post = async (name: string, body: unknown) => {
  const response = await tg.owner.request('POST', `/api/control/${name}`, typeof body === 'string' ? body : JSON.stringify(body));
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string; message: string } } };
};

describe('the control calls over HTTP answer each error code with the status errors.ts gives it', () => {
  it('keeps the statuses the panel and its tests know: 400 bad input, 404 nothing there, 409 refused by a rule, 500 internal', () => {
    expect([httpStatus('invalid_input'), httpStatus('not_found'), httpStatus('already_started'), httpStatus('internal_error')]).toEqual([400, 404, 409, 500]);
    expect([httpStatus('method_not_allowed'), httpStatus('forbidden'), httpStatus('unknown_call'), httpStatus('login_link_used'), httpStatus('bad_signature')]).toEqual([405, 403, 404, 403, 401]);
    const domain = Object.entries(ERRORS).filter(([, answer]) => answer.status === 409).map(([code]) => code);
    expect(domain).toContain('upgrade_required');
    expect(domain).toContain('provider_not_connected');
  });

  it('refuses an unknown call, bad input, a missing thing and a rule, each with its code and status', async () => {
    expect(await post('gateway.reboot', {})).toMatchObject({ status: 404, body: { ok: false, error: { code: 'unknown_call' } } });
    expect(await post('workspace.wipe', { confirm: 'yes' })).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    expect(await post('apps.revoke', { clientId: 'nobody' })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    // The demo studio is in place: starting another one is refused as things stand.
    expect(await post('workspace.start', { choice: 'demo' })).toMatchObject({ status: 409, body: { error: { code: 'already_started' } } });
    expect(await post('gateway.status', 'null')).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('reads 64 KiB of body at most, except for the call that carries a workspace file', async () => {
    const big = 'x'.repeat(100 * 1024);
    const wipe = await post('workspace.wipe', { confirm: big });
    expect(wipe).toMatchObject({ status: 413, body: { error: { code: 'invalid_input' } } });
    // Read whole, then refused for what it holds (no studio file), not for its size.
    expect(await post('workspace.import', { json: big })).toMatchObject({ status: 409, body: { error: { code: 'invalid_workspace' } } });
  });

  it('answers a failure that is no refusal as internal_error, 500, telling nothing of it but that the log has it', async () => {
    vi.spyOn(tg.gateway.approvals, 'list').mockImplementation(() => {
      throw new Error('disk /secret/path exploded');
    });
    const answer = await post('approvals.list', {});
    expect(answer).toMatchObject({ status: 500, body: { ok: false, error: { code: 'internal_error' } } });
    expect(JSON.stringify(answer.body)).not.toContain('secret');
    expect(tg.log.lines.some((line) => line.includes('control call approvals.list failed') && line.includes('exploded'))).toBe(true);
  });
});
