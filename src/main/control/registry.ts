import type { z } from 'zod';
import {
  controlInputs,
  type ControlCallName,
  type ControlFailure,
  type ControlInput,
  type ControlOutputs,
  type ControlResult,
  type GatewayStatus,
} from '../../shared/control-api.ts';
import type { Approvals } from '../approvals/approvals.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { GatewaySettingsService, PauseSwitch } from './gateway-settings.ts';
import type { OwnerSessions } from './owner-sessions.ts';
import { auditFilter } from '../audit/filter.ts';
import { createAuditQueries } from '../audit/queries.ts';
import { verifyChain } from '../audit/verify.ts';
import { DomainError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Consent } from '../oauth/consent.ts';
import type { Providers } from '../providers/index.ts';
import type { ConnectedClients } from '../oauth/connected-clients.ts';
import type { SetupTokens } from '../oauth/setup-tokens.ts';
import type { Installer } from '../install/installer.ts';
import type { Services } from '../services.ts';
import { seedDemoWorkspace } from '../studio/demo/index.ts';
import { exportWorkspace, importWorkspace, startEmptyWorkspace, wipeWorkspace, workspaceCounts, workspaceState } from '../studio/workspace-file.ts';

/** Who made a control call: it is written down with consent decisions. */
export interface ControlCaller {
  channel: 'desktop' | 'web-panel';
  /** The web panel's session (absent on the desktop's IPC). */
  sessionId?: string;
}

/**
 * The owner's decisions and changes that go on the record, with how to name the client they concern.
 * Reads (lists, status) are not recorded.
 */
const AUDITED: Partial<Record<ControlCallName, { client: (input: Record<string, unknown>, result?: Record<string, unknown>) => { clientId?: string; clientName?: string }; sensitive?: string[] }>> = {
  'consent.decide': { client: (_input, result) => ({ clientId: result?.clientId as string | undefined, clientName: result?.clientName as string | undefined }) },
  'clients.revoke': { client: (input) => ({ clientId: input.clientId as string | undefined }) },
  'tokens.mint': { client: (_input, result) => ({ clientId: result?.clientId as string | undefined, clientName: result?.clientName as string | undefined }) },
  'install.run': { client: (_input, result) => ({ clientId: result?.clientId as string | undefined, clientName: result?.clientName as string | undefined }) },
  'workspace.import': { client: () => ({}), sensitive: ['json'] },
  'workspace.wipe': { client: () => ({}) },
  'workspace.start': { client: () => ({}) },
  'updates.install': { client: () => ({}) },
  'settings.update': { client: () => ({}) },
  'gateway.setPaused': { client: () => ({}) },
  'approvals.decide': { client: () => ({}) },
  'browsers.signOut': { client: () => ({}) },
  'browsers.signOutAll': { client: () => ({}) },
  'connections.configureApp': { client: () => ({}), sensitive: ['clientSecret'] },
  'connections.connect': { client: () => ({}) },
  'connections.connectApple': { client: () => ({}), sensitive: ['appPassword'] },
  'connections.disconnect': { client: () => ({}) },
  'connections.selectCalendar': { client: () => ({}) },
  'connections.retryJob': { client: () => ({}) },
  'feed.rotate': { client: () => ({}) },
  'feed.disable': { client: () => ({}) },
};

type Handlers = {
  [N in ControlCallName]: (input: z.output<(typeof controlInputs)[N]>, caller: ControlCaller) => ControlOutputs[N] | Promise<ControlOutputs[N]>;
};

function describeInvalid(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export interface ControlRegistry {
  /** Validates the input with the call's schema, then runs its handler. Never throws for a bad call. */
  call<N extends ControlCallName>(name: N, input: unknown, caller: ControlCaller): Promise<ControlResult<N>>;
  has(name: string): name is ControlCallName;
}

export function createControlRegistry(deps: {
  status: () => GatewayStatus;
  consent: Consent;
  clients: ConnectedClients;
  setupTokens: SetupTokens;
  install: Installer;
  services: Services;
  audit: AuditLog;
  settings: GatewaySettingsService;
  pause: PauseSwitch;
  approvals: Approvals;
  connections: Providers['control'];
  sessions: OwnerSessions;
  log: Logger;
}): ControlRegistry {
  const queries = createAuditQueries(deps.services.storage.audit);
  const handlers: Handlers = {
    'gateway.status': () => deps.status(),
    'clients.list': () => deps.clients.list(),
    'clients.revoke': ({ clientId }) => {
      const result = deps.clients.revoke(clientId);
      // A held call of this app was allowed by the grant that is now gone: it ends refused, not approvable.
      deps.approvals.endForClient(clientId);
      return result;
    },
    'consent.list': () => deps.consent.pending(),
    'consent.decide': (input, caller) => deps.consent.decide(input, `owner (${caller.channel})`),
    'tokens.mint': (input) => deps.setupTokens.mint(input as ControlInput<'tokens.mint'>),
    'install.targets': () => deps.install.targets(),
    'install.run': (input) => deps.install.run(input as ControlInput<'install.run'>),
    'workspace.export': () => {
      const file = exportWorkspace(deps.services.storage, deps.services.now());
      return { json: JSON.stringify(file, null, 2), counts: workspaceCounts(file) };
    },
    'workspace.import': ({ json }) => ({ counts: importWorkspace(deps.services.storage, json) }),
    'workspace.wipe': () => ({ removed: wipeWorkspace(deps.services.storage, deps.services.now()) }),
    'gateway.openLog': () => deps.settings.openLog(),
    'updates.check': () => deps.settings.updates().check(),
    'updates.download': () => deps.settings.updates().download(),
    'updates.install': () => {
      deps.settings.updates().install();
      return { installing: true };
    },
    'workspace.start': ({ choice }) => {
      const { storage } = deps.services;
      if (choice === 'empty') startEmptyWorkspace(storage, deps.services.now());
      else if (!seedDemoWorkspace(storage, { now: deps.services.now() })) throw new DomainError('already_started', 'This workspace already holds a studio. Nothing was changed.');
      return { workspace: workspaceState(storage) };
    },
    'settings.get': () => deps.settings.get(),
    'settings.update': (input) => deps.settings.update(input),
    'gateway.setPaused': ({ paused }) => {
      deps.pause.set(paused);
      if (paused) deps.approvals.endAll('paused');
      return deps.status();
    },
    'browsers.list': (_input, caller) => deps.sessions.list(caller.sessionId),
    'browsers.signOut': ({ id }) => deps.sessions.signOut(id),
    'browsers.signOutAll': () => deps.sessions.signOutEverywhere(),
    'approvals.list': () => deps.approvals.list(),
    'approvals.decide': ({ id, decision }) => deps.approvals.decide(id, decision),
    'connections.list': () => deps.connections.list(),
    'connections.configureApp': (input) => deps.connections.configureApp(input),
    'connections.connect': (input) => deps.connections.connect(input),
    'connections.connectApple': (input) => deps.connections.connectApple(input),
    'connections.disconnect': (input) => deps.connections.disconnect(input),
    'connections.selectCalendar': (input) => deps.connections.selectCalendar(input),
    'connections.refresh': () => deps.connections.refresh(),
    'connections.retryJob': (input) => deps.connections.retryJob(input),
    'feed.rotate': () => deps.connections.rotateFeed(),
    'feed.disable': () => deps.connections.disableFeed(),
    'audit.list': ({ limit, cursor, ...filter }) => queries.page(auditFilter(filter), limit, cursor),
    'audit.count': (filter) => ({ count: queries.count(auditFilter(filter)) }),
    'audit.timeline': ({ clientId }) => queries.timeline(clientId),
    'audit.activity': ({ days, clientId }) => {
      const today = new Date(deps.services.now() * 1000).toISOString().slice(0, 10);
      const from = new Date((deps.services.now() - (days - 1) * 86_400) * 1000).toISOString().slice(0, 10);
      return queries.activity(from, today, clientId);
    },
    'audit.verify': () => verifyChain(deps.services.storage.audit),
  };

  async function call<N extends ControlCallName>(name: N, input: unknown, caller: ControlCaller): Promise<ControlResult<N>> {
    const started = performance.now();
    const recorded = AUDITED[name];
    const record = (status: 'ok' | 'refused' | 'error', result: unknown, reason?: string) => {
      if (!recorded) return;
      deps.audit.record({
        kind: 'control',
        endpoint: name,
        actor: `owner (${caller.channel})`,
        ...recorded.client(input as Record<string, unknown>, result as Record<string, unknown> | undefined),
        args: input,
        sensitive: recorded.sensitive,
        status,
        reason,
        durationMs: performance.now() - started,
      });
    };
    const parsed = controlInputs[name].safeParse(input ?? {});
    if (!parsed.success) {
      const message = describeInvalid(parsed.error);
      record('refused', undefined, `invalid_input: ${message}`);
      return { ok: false, error: { code: 'invalid_input', message } };
    }
    try {
      const handler = handlers[name] as (input: unknown, caller: ControlCaller) => ControlOutputs[N] | Promise<ControlOutputs[N]>;
      const result = await handler(parsed.data, caller);
      record('ok', result);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof DomainError) {
        record('refused', undefined, err.code);
        return { ok: false, error: { code: err.code, message: err.message } satisfies ControlFailure };
      }
      record('error', undefined, 'internal_error');
      deps.log.error(`control call ${name} failed`, err);
      return { ok: false, error: { code: 'internal_error', message: 'The gateway failed to do this; its log has the details.' } };
    }
  }

  return { call, has: (name): name is ControlCallName => Object.hasOwn(controlInputs, name) };
}
