import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundle, effectiveScopes, knownScopes } from '../shared/scopes.ts';
import { createControlHttpTransport, createSessionRoute } from './control/http-transport.ts';
import { createApprovals, type Approvals } from './approvals/approvals.ts';
import { createAuditExportRoute } from './control/audit-export-route.ts';
import { createGatewaySettings, createPauseSwitch, createToolCallLimit, PREFERRED_PORT, type DesktopHooks } from './control/gateway-settings.ts';
import { createOwnerSessions, type OwnerSessions } from './control/owner-sessions.ts';
import { createPanelRoutes } from './control/panel-routes.ts';
import { createPanelStatic } from './control/panel-static.ts';
import { createRunIdentity } from './control/run-identity.ts';
import { createControlRegistry, type ControlRegistry } from './control/registry.ts';
import { closeServer, DEFAULT_PORT, listenLoopback } from './http/listen.ts';
import { createRoutes } from './http/routes.ts';
import { LIMITS } from './limits.ts';
import { systemClock, type Clock } from '../shared/clock.ts';
import { createLogger, type Logger } from './log.ts';
import { createAuditLog, type AuditLog } from './audit/audit-log.ts';
import { pruneAudit } from './audit/retention.ts';
import { createBearerVerifier } from './mcp/bearer.ts';
import { createMcpEndpoint } from './mcp/endpoint.ts';
import { createMcpToolbox, SERVER_INFO } from './mcp/mcp-server.ts';
import { createStillAllowed } from './mcp/still-allowed.ts';
import { TOOLS } from './mcp/tools/index.ts';
import { auditOAuthRequests } from './oauth/audit-middleware.ts';
import { createAuthorizationServer } from './oauth/authorization-server.ts';
import type { MetadataDocumentTestSetting } from './oauth/metadata-document-fetch.ts';
import { createOAuthRequestLimits, type OAuthRequestLimits } from './oauth/request-limits.ts';
import { createConnectedApps } from './oauth/connected-apps.ts';
import { createConsent, type Consent } from './oauth/consent.ts';
import { protectedResourceMetadata, resourceMetadataUrl } from './oauth/resource-metadata.ts';
import { createSetupTokens } from './oauth/setup-tokens.ts';
import { nodeBridgeLauncher, type BridgeLauncher } from './install/bridge-command.ts';
import { currentEnvironment, type InstallEnvironment } from './install/client-paths.ts';
import { createInstaller } from './install/installer.ts';
import { databaseFile, defaultPanelDir } from './paths.ts';
import { createProviders, type Providers } from './providers/index.ts';
import { createProviderRoutes } from './providers/routes.ts';
import { keytarKeyStore, type VaultKeyStore } from './providers/vault/key-store.ts';
import { createServices, type Services } from './services.ts';
import { createStorage, type Storage } from './storage/index.ts';
import { DEMO_OWNER } from './studio/demo/content.ts';
import { seedDemoWorkspace } from './studio/demo/index.ts';
import { workspaceState } from './studio/workspace-file.ts';
import { localOwnerIdentity } from './studio/owner-profile.ts';

export interface GatewayOptions {
  /** Where "now" comes from (clock.ts); tests move it. Default: the system's. */
  clock?: Clock;
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * A new workspace starts with the demo studio (the CLI's --demo, tests). Without it a new workspace waits for the
   * owner's choice (workspace.start); the desktop app asks on first launch.
   */
  demo?: boolean;
  /**
   * Replaces the audit log. Only the benchmark uses it, to measure what auditing costs; the CLI and the
   * desktop app have no way to turn auditing off.
   */
  auditLog?: (storage: Storage) => AuditLog;
  /** The built control panel (out/renderer); default: this checkout's. */
  panelDir?: string;
  /** What the desktop host adds (start at login); absent when headless. */
  desktop?: DesktopHooks;
  /**
   * Replaces the registration and authorization rate limits (LIMITS). Only tests that run hundreds of OAuth flows
   * against one gateway use it; the CLI and the desktop app always run with the defaults.
   */
  oauthRequestLimits?: OAuthRequestLimits;
  /**
   * Lets the authorization server fetch client metadata documents from the test's own https server on 127.0.0.1: its
   * host names resolve to the given loopback addresses (which the production guard refuses) and its CA is trusted for
   * those hosts alone. Only in-process tests set it; the CLI and the desktop app never do, and no environment
   * variable, flag or control call reaches it.
   */
  metadataDocumentsForTests?: MetadataDocumentTestSetting;
  /** Where the key of the credential vault lives; default: the OS keychain through keytar. */
  keyStore?: VaultKeyStore;
  /** What one-click install needs from its host (src/main/install/); each part has a plain-Node default. */
  install?: InstallHost;
  log?: Logger;
}

export interface InstallHost {
  /** How clients start `studio-gateway bridge`; default: this Node and bin/studio-gateway.js. */
  bridge?: BridgeLauncher;
  /** Opens a client's install link (the desktop app: the system's handler); absent headless, where the panel's browser does. */
  openLink?: (url: string) => Promise<void>;
  /** The user's folders and OS; default: this process's. Tests point it at a temporary home. */
  environment?: InstallEnvironment;
  /** Where bridge access keys go; default: the OS keychain through keytar (the bridge reads it the same way). */
  keychain?: VaultKeyStore;
}

export interface Gateway {
  readonly port: number;
  readonly issuer: string;
  readonly mcpUrl: string;
  /** Where the control panel is served this run (a new port at every start). */
  readonly panelOrigin: string;
  readonly dataDir: string;
  readonly services: Services;
  readonly control: ControlRegistry;
  readonly consent: Consent;
  readonly approvals: Approvals;
  /** Calendar and video connections, their background sync and the teaching-schedule feed. */
  readonly providers: Providers;
  /** A one-time link that opens the web control panel as the owner. */
  issueLoginLink(): string;
  /** Browsers signed in to the web panel. */
  readonly sessions: OwnerSessions;
  close(): Promise<void>;
}

const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Starts the gateway: SQLite storage, the OAuth authorization server and the MCP endpoint on one loopback
 * listener, the control panel on another (a new port each run). Plain Node: the desktop app and the headless CLI both call this.
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const log = options.log ?? createLogger();
  const storage = createStorage(databaseFile(options.dataDir), { warn: log.warn });
  storage.checkpointInBackground((err) => log.warn(`WAL checkpoints are back on the request path: the checkpoint thread failed (${String(err)})`));
  const clock = options.clock ?? systemClock;
  const services = createServices(storage, { clock });
  services.owner.ensure(options.demo ? DEMO_OWNER : localOwnerIdentity());
  if (options.demo) seedDemoWorkspace(storage, { now: services.now() });

  // The ports are known only once listening (port 0), and the URLs depend on them: the routes replace this
  // placeholder right after; a request in between gets 503.
  const notYet: RequestListener = (_req, res) => void res.writeHead(503, { 'Retry-After': '1' }).end();
  let server: Server;
  let panelServer: Server;
  try {
    server = await listenLoopback(notYet, options.port ?? storage.settings.get(PREFERRED_PORT, DEFAULT_PORT));
    // The panel gets a new port at every start: an origin of this run's alone (control/panel-routes.ts).
    panelServer = await listenLoopback(notYet, 0).catch(async (err: unknown) => {
      await closeServer(server);
      throw err;
    });
  } catch (err) {
    storage.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const mcpUrl = `${issuer}/mcp`;
  const panelPort = (panelServer.address() as AddressInfo).port;
  const panelOrigin = `http://127.0.0.1:${panelPort}`;
  const startedAt = new Date(clock.nowMs()).toISOString();
  const runIdentity = createRunIdentity(storage.settings, clock);
  runIdentity.record(panelOrigin);

  const audit = options.auditLog?.(storage) ?? createAuditLog(storage, clock.nowMs);
  const provider = createAuthorizationServer({ issuer, mcpUrl, storage, metadataDocumentsForTests: options.metadataDocumentsForTests, clock });
  auditOAuthRequests(provider, audit, storage.group);
  const consent = createConsent({ provider, services, mcpUrl, log });
  const approvals = createApprovals(storage.settings, clock);
  const pause = createPauseSwitch(services);
  const toolCallLimit = createToolCallLimit(services);
  const sessions = createOwnerSessions({ storage, now: services.now });
  const providers = createProviders({ storage, issuer, keyStore: options.keyStore ?? keytarKeyStore(), log, clock });
  const providerRoutes = createProviderRoutes({ oauth: providers.oauth, feed: providers.feed, storage, audit, issuer, log, now: services.now });
  const setupTokens = createSetupTokens({ provider, services, mcpUrl });
  const connectedApps = createConnectedApps(storage, services.now, mcpUrl, pause.isAppPaused);
  const control = createControlRegistry({
    status: () => ({ mcpUrl, issuer, version: SERVER_INFO.version, startedAt, dataDir: options.dataDir, paused: pause.isPaused(), workspace: workspaceState(storage), tools: TOOLS.map((t) => t.name) }),
    consent,
    apps: connectedApps,
    setupTokens,
    install: createInstaller({
      env: options.install?.environment ?? currentEnvironment(),
      launcher: options.install?.bridge ?? nodeBridgeLauncher(),
      keychain: options.install?.keychain ?? keytarKeyStore(),
      mcpUrl,
      clock,
      mint: setupTokens.mint,
      revoke: (clientId) => void connectedApps.revoke(clientId),
      ...(options.install?.openLink ? { openLink: options.install.openLink } : {}),
    }),
    services,
    audit,
    settings: createGatewaySettings({ services, approvals, toolCallLimit, port, dataDir: options.dataDir, toolNames: TOOLS.map((t) => t.name), desktop: options.desktop }),
    pause,
    approvals,
    connections: providers.control,
    sessions,
    log,
  });
  const stillAllowed = createStillAllowed({ storage, isPaused: pause.isPaused, isAppPaused: pause.isAppPaused, now: services.now });
  const toolbox = createMcpToolbox({ tools: TOOLS, services, approvals, stillAllowed, log });
  const oauthCallback = provider.callback();

  const routes = createRoutes({
    port,
    log,
    mcp: createMcpEndpoint({
      toolbox,
      verifyBearer: createBearerVerifier({ provider, storage, mcpUrl, clock }),
      resourceMetadataUrl: resourceMetadataUrl(issuer, mcpUrl),
      // Offer the owner each resource's read and write scopes separately, so the consent view can grant
      // read-only on some of them.
      defaultScopes: knownScopes(effectiveScopes(bundle('default').scopes)),
      audit,
      isPaused: pause.isPaused,
      isAppPaused: pause.isAppPaused,
      toolCallLimit: toolCallLimit.get,
      clock,
      log,
    }),
    resourceMetadata: () => protectedResourceMetadata(issuer, mcpUrl),
    oauth: (req, res) => oauthCallback(req, res),
    refuseOverLimit: createOAuthRequestLimits(clock, options.oauthRequestLimits),
    interaction: consent.handleInteraction,
    panelOrigin,
    providerCallback: providerRoutes.callback,
    feed: providerRoutes.feed,
  });
  const panelOrigins = new Set([panelOrigin]);
  const panelRoutes = createPanelRoutes({
    port: panelPort,
    log,
    panel: createPanelStatic({ dir: options.panelDir ?? defaultPanelDir() }),
    control: createControlHttpTransport({ registry: control, sessions, selfOrigins: panelOrigins }),
    session: createSessionRoute({ sessions, selfOrigins: panelOrigins, audit }),
    auditExport: createAuditExportRoute({ storage, sessions, clock }),
    runProof: runIdentity.handleProof,
  });
  for (const [listener, handler] of [[server, routes], [panelServer, panelRoutes]] as const) {
    listener.removeAllListeners('request');
    listener.on('request', handler);
  }

  // Drop expired OAuth rows and registrations that never got anywhere, keep recurring classes scheduled 12 weeks ahead, apply audit retention, refresh the
  // planner's statistics.
  const housekeep = () => {
    storage.deleteExpired(services.now());
    storage.apps.deleteNeverGranted(services.now() - LIMITS.unusedRegistrationSeconds);
    sessions.prune();
    services.classes.extendSchedules();
    pruneAudit(storage, clock.nowMs());
    storage.optimize();
  };
  const housekeeping = setInterval(housekeep, HOUSEKEEPING_INTERVAL_MS);
  housekeeping.unref();
  housekeep();
  // Full-text indexing of new audit rows, off the request path (searches also catch up first).
  const textIndexing = setInterval(() => storage.audit.indexPendingText(), 5000);
  textIndexing.unref();
  providers.start();

  return {
    port,
    issuer,
    mcpUrl,
    dataDir: options.dataDir,
    services,
    control,
    consent,
    approvals,
    providers,
    panelOrigin,
    issueLoginLink: () => sessions.issueLoginLink(panelOrigin),
    sessions,
    async close() {
      clearInterval(housekeeping);
      clearInterval(textIndexing);
      approvals.endAll('stopping');
      await providers.stop();
      await Promise.all([closeServer(server), closeServer(panelServer)]);
      storage.close();
    },
  };
}
