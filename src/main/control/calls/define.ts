/**
 * The shape of a control-panel call. Each area file (consent.ts, audit.ts…) defines its calls with `call()`: name
 * (the key), input schema, output type, audit rule, body limit and handler, together. Everything else — the
 * registry, the HTTP routes, the Electron IPC channels, the preload's named methods and the renderer's client — is
 * derived from the list in index.ts.
 */
import type { z } from 'zod';
import type { GatewayStatus } from '../../../shared/control-api.ts';
import type { Approvals } from '../../approvals/approvals.ts';
import type { AuditLog } from '../../audit/audit-log.ts';
import type { Installer } from '../../install/installer.ts';
import type { Logger } from '../../log.ts';
import type { ConnectedApps } from '../../oauth/connected-apps.ts';
import type { Consent } from '../../oauth/consent.ts';
import type { SetupTokens } from '../../oauth/setup-tokens.ts';
import type { Providers } from '../../providers/index.ts';
import type { Services } from '../../services.ts';
import type { GatewaySettingsService, PauseSwitch } from '../gateway-settings.ts';
import type { OwnerSessions } from '../owner-sessions.ts';
import { noInput } from './fields.ts';

/** Who made a control call: it is written down with the owner's decisions. */
export interface ControlCaller {
  channel: 'desktop' | 'web-panel';
  /** The web panel's session (absent on the desktop's IPC). */
  sessionId?: string;
}

/** What the gateway hands the control calls (gateway.ts composes it once). */
export interface ControlDeps {
  status: () => GatewayStatus;
  consent: Consent;
  apps: ConnectedApps;
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
}

/** A handler's second argument: the gateway's parts, and who is calling. */
export type ControlContext = ControlDeps & { caller: ControlCaller };

declare const OUTPUT: unique symbol;
/** A call's result type, carried by the type system only (see `returns`). */
export interface Returns<O> {
  readonly [OUTPUT]?: O;
}

/** Names a call's result type in its definition: `output: returns<ConsentRequestView[]>()`. */
export function returns<O>(): Returns<O> {
  return {};
}

/** Which connected app an audit row concerns (Connected apps' timeline reads it). */
export interface AuditedClient {
  clientId?: string;
  clientName?: string;
}

/**
 * How a call goes on the record. The owner's decisions and changes are recorded (kind "control", the call's name as
 * endpoint, the owner and channel as actor), refused ones too; reads (lists, status) are not.
 */
export interface AuditRule<S extends z.ZodType, O> {
  /**
   * The app the row concerns, from the input as sent (not yet validated: a refused call is recorded too) or the
   * result (absent when the call was refused). Omitted: none.
   */
  client?: (input: Readonly<Record<string, unknown>>, result: O | undefined) => AuditedClient;
  /** Input fields the row keeps out of its arguments (audit-log.ts redacts them). */
  sensitive?: readonly (keyof z.input<S> & string)[];
}

/** The body a call may send over HTTP unless its definition says more. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** One control-panel call. Its name is its key in the area's list: `area.verb`, as in `consent.decide`. */
export interface ControlCall<S extends z.ZodType, O> {
  /** Validated before the handler runs; a call that does not match is refused as invalid_input. */
  input: S;
  output: Returns<O>;
  /** Recorded in the audit log, and how; or false (reads). */
  audit: AuditRule<S, O> | false;
  /** Bytes the HTTP transport reads at most, when more than DEFAULT_BODY_LIMIT. */
  bodyLimit?: number;
  /** Does the work. A DomainError it throws is the caller's answer; anything else is an internal_error. */
  handler: (input: z.output<S>, context: ControlContext) => NoInfer<O> | Promise<NoInfer<O>>;
}

/** Defines a call: the input schema's and the output's types flow to the handler and to every client. */
export function call<S extends z.ZodType, O>(definition: ControlCall<S, O>): ControlCall<S, O> {
  return definition;
}

/**
 * A read: a call that takes no input and is not on the record (lists, status, and the desktop app's own errands such
 * as looking for updates). Name its result type, as with `returns`: `'settings.get': read<GatewaySettings>(({ settings }) => settings.get())`.
 */
export function read<O = never>(handler: (context: ControlContext) => NoInfer<O> | Promise<NoInfer<O>>): ControlCall<typeof noInput, O> {
  return { input: noInput, output: returns<O>(), audit: false, handler: (_input, context) => handler(context) };
}

/** The audit rule of calls that decide about one app: the row names the app the result names. */
export function clientOfResult(_input: unknown, result: AuditedClient | undefined): AuditedClient {
  return { clientId: result?.clientId, clientName: result?.clientName };
}

/** Any call, whatever its types (for the combined list). */
export interface SomeControlCall {
  input: z.ZodType;
  output: unknown;
  audit: AuditRule<never, never> | false;
  bodyLimit?: number;
  handler: (input: never, context: ControlContext) => unknown;
}

/** Calls by name; a name is `area.verb` (the preload and the renderer name their methods `areaVerb`). */
export type ControlCallList = Record<`${string}.${string}`, SomeControlCall>;

type Combined<T extends readonly ControlCallList[]> = T extends readonly [infer First, ...infer Rest extends readonly ControlCallList[]] ? First & Combined<Rest> : unknown;

/** The areas' calls as one list. A name defined twice throws: the gateway does not start. */
export function combineCalls<const T extends readonly ControlCallList[]>(...areas: T): Combined<T> {
  const calls: ControlCallList = {};
  for (const area of areas) {
    for (const [name, definition] of Object.entries(area) as [keyof ControlCallList, SomeControlCall][]) {
      if (Object.hasOwn(calls, name)) throw new Error(`The control call ${name} is defined twice.`);
      calls[name] = definition;
    }
  }
  return calls as Combined<T>;
}
