import { readdirSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { CONTROL_CALLS } from '../../../src/main/control/calls/index.ts';
import { combineCalls, type SomeControlCall } from '../../../src/main/control/calls/define.ts';
import type { ConsentRequestView, ControlInput, ControlResult } from '../../../src/shared/control-api.ts';
import { CALL_NAME, callName, controlCallsArgument, controlCallsFromArgv, methodName, type StudioApi } from '../../../src/shared/control-bridge.ts';

const CALLS_DIR = new URL('../../../src/main/control/calls/', import.meta.url);
const names = Object.keys(CONTROL_CALLS);

describe('the control calls, defined once each', () => {
  it('hands every name to the preload and reads each method name back as its call', () => {
    expect(controlCallsFromArgv(['electron', '--type=renderer', controlCallsArgument(names)])).toEqual(names);
    expect(controlCallsFromArgv(['electron', `${controlCallsArgument(['gateway.status', 'x,y', '../evil', 'constructor'])}`])).toEqual(['gateway.status']);
    expect(controlCallsFromArgv(['electron'])).toEqual([]);
    for (const name of names) expect(callName(methodName(name as never))).toBe(name);
    for (const probe of ['then', 'constructor', '__proto__', 'exportAudit2', 'Audit', 'audit', 'audit_list']) expect(callName(probe), probe).toBeUndefined();
  });

  it('defines each call in the area file its prefix names, as area.verb, with a method name of its own', async () => {
    const areaFiles = readdirSync(CALLS_DIR).filter((file) => !['define.ts', 'index.ts', 'fields.ts'].includes(file));
    const found: string[] = [];
    for (const file of areaFiles) {
      const module = (await import(new URL(file, CALLS_DIR).href)) as Record<string, unknown>;
      const lists = Object.entries(module).filter(([name]) => name.endsWith('Calls'));
      expect(lists, file).toHaveLength(1);
      for (const name of Object.keys(lists[0]?.[1] as object)) {
        expect(name, file).toMatch(CALL_NAME);
        expect(`${name.split('.')[0]}.ts`, name).toBe(file);
        found.push(name);
      }
    }
    expect(found.sort()).toEqual([...names].sort());
    expect(new Set(names.map((name) => methodName(name as never))).size).toBe(names.length);
  });

  it('refuses to combine two areas that define the same name', () => {
    const one = { input: CONTROL_CALLS['gateway.status'].input, output: {}, audit: false, handler: () => null } satisfies SomeControlCall;
    expect(() => combineCalls({ 'a.b': one }, { 'a.c': one, 'a.b': one })).toThrow('The control call a.b is defined twice.');
  });

  it("records the owner's decisions and changes, never reads, and keeps passwords, secrets and files out of the row", () => {
    const audited = Object.fromEntries(Object.entries(CONTROL_CALLS).flatMap(([name, call]) => (call.audit ? [[name, [...(call.audit.sensitive ?? [])]]] : [])));
    expect(audited).toEqual({
      'gateway.setPaused': [],
      'consent.decide': [],
      'apps.revoke': [],
      'apps.editPermissions': [],
      'apps.setPaused': [],
      'tokens.mint': [],
      'install.run': [],
      'approvals.decide': [],
      'connections.configureApp': ['clientSecret'],
      'connections.connect': [],
      'connections.connectApple': ['appPassword'],
      'connections.disconnect': [],
      'connections.selectCalendar': [],
      'connections.retryJob': [],
      'feed.rotate': [],
      'feed.disable': [],
      'settings.update': [],
      'browsers.signOut': [],
      'browsers.signOutAll': [],
      'workspace.import': ['json'],
      'workspace.wipe': [],
      'workspace.start': [],
      'updates.install': [],
    });
  });

  it('names the app a decision concerns: from the result, or from the input for a revocation', () => {
    const decided = { status: 'approved' as const, grantedScopes: [], clientId: 'c1', clientName: 'Claude' };
    const consent = CONTROL_CALLS['consent.decide'].audit;
    expect(consent && consent.client?.({ requestId: 'r1' }, decided)).toEqual({ clientId: 'c1', clientName: 'Claude' });
    expect(consent && consent.client?.({ requestId: 'r1' }, undefined)).toEqual({ clientId: undefined, clientName: undefined });
    const revoke = CONTROL_CALLS['apps.revoke'].audit;
    expect(revoke && revoke.client?.({ clientId: 'c2' }, undefined)).toEqual({ clientId: 'c2' });
    expect(CONTROL_CALLS['workspace.import'].bodyLimit).toBeGreaterThan(64 * 1024 * 1024);
    expect(Object.entries(CONTROL_CALLS).filter(([, call]) => call.bodyLimit !== undefined).map(([name]) => name)).toEqual(['workspace.import']);
  });

  it("gives the panel's methods each call's exact input and result types", () => {
    expectTypeOf<Parameters<StudioApi['consentDecide']>[0]>().toEqualTypeOf<ControlInput<'consent.decide'> | undefined>();
    expectTypeOf<ControlInput<'consent.decide'>>().toMatchTypeOf<{ requestId: string; decision: 'approve' | 'deny' }>();
    expectTypeOf<Awaited<ReturnType<StudioApi['consentDecide']>>>().toEqualTypeOf<ControlResult<'consent.decide'>>();
    expectTypeOf<Extract<Awaited<ReturnType<StudioApi['consentList']>>, { ok: true }>['result']>().toEqualTypeOf<ConsentRequestView[]>();
    expectTypeOf<Extract<Awaited<ReturnType<StudioApi['consentDecide']>>, { ok: true }>['result']>().toEqualTypeOf<{
      status: 'approved' | 'denied';
      grantedScopes: string[];
      clientId: string;
      clientName: string;
    }>();
    // Defaults are the caller's to omit: audit.list's limit is optional going in.
    expectTypeOf<ControlInput<'audit.list'>['limit']>().toEqualTypeOf<number | undefined>();
  });
});
