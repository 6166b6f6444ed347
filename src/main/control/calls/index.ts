/**
 * Every control-panel call, by area: one file per area, named by the calls' prefix (`consent.decide` is in
 * consent.ts). A call is defined once, in its area's file; the registry (registry.ts), the HTTP routes
 * (http-transport.ts), the Electron IPC channels (electron/ipc.ts), the preload's named methods and the renderer's
 * client (through shared/control-bridge.ts) are all derived from this list: adding a call to an area is a change to
 * that area's file alone. The preload and the renderer bundle neither zod nor the gateway: they take the types from
 * here and the names at run time (the preload from its window's arguments, the web panel by the method's name).
 */
import type { z } from 'zod';
import { approvalsCalls } from './approvals.ts';
import { auditCalls } from './audit.ts';
import { browsersCalls } from './browsers.ts';
import { appsCalls } from './apps.ts';
import { connectionsCalls } from './connections.ts';
import { consentCalls } from './consent.ts';
import { combineCalls, type Returns } from './define.ts';
import { feedCalls } from './feed.ts';
import { gatewayCalls } from './gateway.ts';
import { installCalls } from './install.ts';
import { settingsCalls } from './settings.ts';
import { tokensCalls } from './tokens.ts';
import { updatesCalls } from './updates.ts';
import { workspaceCalls } from './workspace.ts';

export const CONTROL_CALLS = combineCalls(
  gatewayCalls,
  consentCalls,
  appsCalls,
  tokensCalls,
  installCalls,
  approvalsCalls,
  auditCalls,
  connectionsCalls,
  feedCalls,
  settingsCalls,
  browsersCalls,
  workspaceCalls,
  updatesCalls,
);

export type ControlCalls = typeof CONTROL_CALLS;
export type ControlCallName = keyof ControlCalls;
/** What a call takes, as the caller sends it (defaults not yet applied). */
export type ControlInput<N extends ControlCallName> = z.input<ControlCalls[N]['input']>;
/** What each call answers when it succeeds. */
export type ControlOutputs = { [N in ControlCallName]: ControlCalls[N]['output'] extends Returns<infer O> ? O : never };

