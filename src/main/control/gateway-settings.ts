import type { GatewaySettings, LimitsView } from '../../shared/control-api.ts';
import type { Approvals } from '../approvals/approvals.ts';
import { retentionDays, setRetentionDays } from '../audit/retention.ts';
import { DomainError } from '../errors.ts';
import { DEFAULT_PORT } from '../http/listen.ts';
import type { RateLimit } from '../http/rate-limit.ts';
import { DEFAULT_TOOL_CALL_LIMIT, LIMITS } from '../limits.ts';
import type { Updates } from '../desktop/updates.ts';
import { logFile } from '../paths.ts';
import type { Services } from '../services.ts';
import type { SettingsUpdate } from './calls/settings.ts';

const THEME = 'ui.theme';
export const PREFERRED_PORT = 'gateway.preferredPort';
const PAUSED = 'gateway.paused';
const PAUSED_APPS = 'apps.paused';
const TOOL_CALL_LIMIT = 'limits.toolCalls';

/** What only the desktop host can do; the headless gateway has none of it. */
export interface DesktopHooks {
  getStartAtLogin(): boolean;
  setStartAtLogin(enabled: boolean): void;
  /** Opens a file with the system's app for it (the log). */
  openPath(path: string): Promise<void>;
  /** The app's updates (desktop/updates.ts). */
  updates: Updates;
}

/**
 * The owner's pause switches, kept in memory for the request path and in settings across restarts: "Pause all
 * agents", and one app's ("Deny and pause this app" on an approval; resumed on Connected apps).
 */
export function createPauseSwitch(services: Services) {
  let paused = services.storage.settings.get(PAUSED, false);
  let pausedApps: ReadonlySet<string> = new Set(services.storage.settings.get<string[]>(PAUSED_APPS, []));
  return {
    isPaused: () => paused,
    set(value: boolean): void {
      services.storage.settings.set(PAUSED, value);
      paused = value;
    },
    /** Whether the owner paused this one app: its every request is refused until resumed. */
    isAppPaused: (clientId: string): boolean => pausedApps.has(clientId),
    setApp(clientId: string, value: boolean): void {
      const next = new Set(pausedApps);
      if (value) next.add(clientId);
      else next.delete(clientId);
      services.storage.settings.set(PAUSED_APPS, [...next]);
      pausedApps = next;
    },
  };
}
export type PauseSwitch = ReturnType<typeof createPauseSwitch>;

/** The owner's tool-call limit per app, kept in memory for the request path and in settings across restarts. */
export function createToolCallLimit(services: Services) {
  let limit = services.storage.settings.get<RateLimit>(TOOL_CALL_LIMIT, DEFAULT_TOOL_CALL_LIMIT);
  return {
    get: (): RateLimit => limit,
    set(value: RateLimit): void {
      services.storage.settings.set(TOOL_CALL_LIMIT, value);
      limit = value;
    },
  };
}
export type ToolCallLimit = ReturnType<typeof createToolCallLimit>;

/** What Settings shows of the limits: the adjustable one and those that protect the gateway itself. */
function limitsView(toolCalls: RateLimit): LimitsView {
  return {
    toolCalls,
    registration: LIMITS.registration,
    authorization: LIMITS.authorization,
    pendingConsentTotal: LIMITS.pendingConsentTotal,
    heldCallsPerClient: LIMITS.heldCallsPerClient,
    unusedRegistrationHours: LIMITS.unusedRegistrationSeconds / 3600,
    responseDeadlineSeconds: LIMITS.responseDeadlineSeconds,
  };
}

/** The Settings page: plan, theme, port, start at login, retention, approvals, limits. */
export function createGatewaySettings(deps: {
  services: Services;
  approvals: Approvals;
  toolCallLimit: ToolCallLimit;
  port: number;
  dataDir: string;
  toolNames: readonly string[];
  desktop?: DesktopHooks | undefined;
}) {
  const { services } = deps;
  const { settings } = services.storage;

  function get(): GatewaySettings {
    return {
      subscriptionTier: services.tier.get(),
      auditRetentionDays: retentionDays(services.storage),
      theme: settings.get(THEME, 'system'),
      port: deps.port,
      preferredPort: settings.get(PREFERRED_PORT, DEFAULT_PORT),
      dataDir: deps.dataDir,
      startAtLogin: deps.desktop ? deps.desktop.getStartAtLogin() : null,
      logFile: logFile(deps.dataDir),
      updates: deps.desktop?.updates.view() ?? null,
      approvals: deps.approvals.settings(),
      limits: limitsView(deps.toolCallLimit.get()),
    };
  }

  function update(input: SettingsUpdate): GatewaySettings {
    const unknown = (input.approvals?.tools ?? []).filter((name) => !deps.toolNames.includes(name));
    if (unknown.length) throw new DomainError('invalid_input', `approvals.tools: no tool is named ${unknown.join(', ')}. Nothing was changed.`);
    if (input.startAtLogin !== undefined && !deps.desktop) throw new DomainError('invalid_input', 'startAtLogin: only the desktop app can start with your session. Nothing was changed.');
    if (input.checkForUpdates !== undefined && !deps.desktop) throw new DomainError('invalid_input', 'checkForUpdates: only the desktop app updates itself; the headless gateway updates with npm. Nothing was changed.');
    services.storage.transaction(() => {
      if (input.subscriptionTier) services.tier.set(input.subscriptionTier);
      if (input.auditRetentionDays !== undefined) setRetentionDays(services.storage, input.auditRetentionDays);
      if (input.theme) settings.set(THEME, input.theme);
      if (input.preferredPort !== undefined) settings.set(PREFERRED_PORT, input.preferredPort);
      if (input.approvals) deps.approvals.update(input.approvals);
      if (input.toolCallLimit) deps.toolCallLimit.set(input.toolCallLimit);
    });
    if (input.startAtLogin !== undefined) deps.desktop?.setStartAtLogin(input.startAtLogin);
    if (input.checkForUpdates !== undefined) deps.desktop?.updates.setCheckAutomatically(input.checkForUpdates);
    return get();
  }

  /** The desktop app opens the log; the headless panel can only say where it is. */
  async function openLog(): Promise<{ opened: boolean; path: string }> {
    const path = logFile(deps.dataDir);
    if (!deps.desktop) return { opened: false, path };
    await deps.desktop.openPath(path);
    return { opened: true, path };
  }

  /** The desktop app's updates; the headless gateway has none (it updates with npm). */
  function updates(): Updates {
    if (!deps.desktop) throw new DomainError('not_available', 'Only the desktop app updates itself; the headless gateway updates with npm.');
    return deps.desktop.updates;
  }

  return { get, update, openLog, updates };
}
export type GatewaySettingsService = ReturnType<typeof createGatewaySettings>;
