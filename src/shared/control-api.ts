/**
 * The control-panel call registry: every call the panel can make, with its input schema and result type.
 * One source for the gateway (handlers), the Electron preload (named methods) and the renderer (client).
 * Transport-agnostic: Electron IPC and the headless panel's HTTP carry the same calls.
 */
import { z } from 'zod';
import { BUNDLES, SCOPE_NAMES } from './scopes.ts';
import { INSTALL_CLIENTS, type InstallClient } from './snippets.ts';

const id = z.string().min(1).max(200);
const scopeList = z.array(z.enum(SCOPE_NAMES as [string, ...string[]])).max(SCOPE_NAMES.length);
const bundleIds = BUNDLES.map((b) => b.id) as [string, ...string[]];

const DAY = 24 * 60 * 60;

const isoTime = z.iso.datetime({ offset: true }).or(z.iso.date());

const oauthProvider = z.enum(['google', 'zoom']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A provider endpoint: https, or http on this machine only (an emulator, a local proxy). */
const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((value) => value.startsWith('https:') || LOOPBACK_HOSTS.has(new URL(value).hostname), 'must be an https URL (http only on 127.0.0.1 or localhost)');

/** Which audit rows: by client, tool, endpoint, kind, status, time range and free text. */
export const auditFilterInput = z
  .object({
    clientId: id.optional(),
    tool: z.string().max(100).optional(),
    endpoint: z.string().max(100).optional(),
    kind: z.enum(['oauth', 'mcp', 'control']).optional(),
    status: z.enum(['ok', 'refused', 'error']).optional(),
    /** Inclusive, ISO 8601 date or date-time. */
    from: isoTime.optional(),
    /** Exclusive, ISO 8601 date or date-time. */
    to: isoTime.optional(),
    /** Full-text search over tool names, endpoints and redacted arguments. */
    query: z.string().max(200).optional(),
  })
  .strict();

/** A setup token: its bundle (or custom scopes), the name Connected apps shows, and how long it lasts. */
const mintFields = {
  bundle: z.enum([...bundleIds, 'custom']),
  /** Custom bundle only: the scopes to put on the token. */
  scopes: scopeList.optional(),
  /** Shown under Connected apps; made unique if another client already has it. */
  clientName: z.string().trim().min(1).max(80),
  expiresInDays: z.number().int().min(1).max(365),
};

export const controlInputs = {
  'gateway.status': z.object({}).strict(),
  /** Pause all agents: every MCP request is refused until resumed. */
  'gateway.setPaused': z.object({ paused: z.boolean() }).strict(),
  'clients.list': z.object({}).strict(),
  'clients.revoke': z.object({ clientId: id }).strict(),
  'consent.list': z.object({}).strict(),
  /**
   * The owner's answer to one consent request, as shown: approving names every scope to grant (a subset of what
   * that request asked for; nothing is granted by default), denying names none.
   */
  'consent.decide': z.discriminatedUnion('decision', [
    z
      .object({
        requestId: id,
        decision: z.literal('approve'),
        scopes: scopeList,
        /** Time-boxed access: the grant ends after this many seconds. Omitted: the default lifetime. */
        expiresInSeconds: z.number().int().min(60).max(365 * DAY).optional(),
      })
      .strict(),
    z.object({ requestId: id, decision: z.literal('deny') }).strict(),
  ]),
  'workspace.export': z.object({}).strict(),
  /** Replaces the whole workspace with an exported file (its JSON text). */
  'workspace.import': z.object({ json: z.string().min(2).max(64 * 1024 * 1024) }).strict(),
  /** Typed confirmation: the panel asks the owner to type "wipe". */
  'workspace.wipe': z.object({ confirm: z.literal('wipe') }).strict(),
  /** First launch: try the demo studio, or start empty (importing a file is workspace.import). */
  'workspace.start': z.object({ choice: z.enum(['demo', 'empty']) }).strict(),
  /** Desktop app: opens the log file with the system. */
  'gateway.openLog': z.object({}).strict(),
  /** Desktop app: look for a new version now, download it, or restart into it (never while a decision waits). */
  'updates.check': z.object({}).strict(),
  'updates.download': z.object({}).strict(),
  'updates.install': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  'settings.update': z
    .object({
      subscriptionTier: z.enum(['free', 'pro', 'premium']).optional(),
      theme: z.enum(['light', 'dark', 'system']).optional(),
      /** The port to listen on from the next start (the current one stays until then). */
      preferredPort: z.number().int().min(1024).max(65535).optional(),
      /** Desktop app only: start with the operating system's session. */
      startAtLogin: z.boolean().optional(),
      /** Desktop app only: look for updates by itself (and download them; installing is always the owner's click). */
      checkForUpdates: z.boolean().optional(),
      approvals: z
        .object({
          enabled: z.boolean().optional(),
          timeoutSeconds: z.number().int().min(10).max(110).optional(),
          /** Tools that wait for approval besides the delete tier. */
          tools: z.array(z.string().min(1).max(64)).max(100).optional(),
        })
        .strict()
        .optional(),
      /** Tool calls per app: `burst` at once, then `perMinute`; more are refused with 429 until there is room. */
      toolCallLimit: z.object({ burst: z.number().int().min(1).max(10_000), perMinute: z.number().int().min(1).max(100_000) }).strict().optional(),
      /** Audit rows older than this many days are pruned (the chain stays verifiable); null keeps everything. */
      auditRetentionDays: z.number().int().min(7).max(3650).nullable().optional(),
    })
    .strict(),
  'audit.list': auditFilterInput.extend({ limit: z.number().int().min(1).max(500).default(50), cursor: z.string().max(40).optional() }).strict(),
  'audit.count': auditFilterInput,
  'audit.timeline': z.object({ clientId: id }).strict(),
  'audit.activity': z.object({ days: z.number().int().min(1).max(366).default(30), clientId: id.optional() }).strict(),
  'audit.verify': z.object({}).strict(),
  /** Browsers signed in to the web panel (headless mode), with when each was last used. */
  'browsers.list': z.object({}).strict(),
  /** Ends one browser's sign-in at once: its next request is refused. */
  'browsers.signOut': z.object({ id }).strict(),
  'browsers.signOutAll': z.object({}).strict(),
  'approvals.list': z.object({}).strict(),
  'approvals.decide': z.object({ id, decision: z.enum(['approve', 'deny']) }).strict(),
  /** Providers, the calendar feed, background sync jobs and the keychain, as they are now. */
  'connections.list': z.object({}).strict(),
  /** The OAuth app the owner registered at Google or Zoom. An omitted clientSecret keeps the saved one. */
  'connections.configureApp': z
    .object({
      provider: oauthProvider,
      clientId: z.string().trim().min(1).max(300),
      clientSecret: z.string().trim().min(1).max(500).optional(),
      authorizeUrl: endpoint.optional(),
      tokenUrl: endpoint.optional(),
      revokeUrl: endpoint.optional(),
      apiBase: endpoint.optional(),
    })
    .strict(),
  /** Starts connecting Google or Zoom: the result is the provider's sign-in page for the owner's browser. */
  'connections.connect': z.object({ provider: oauthProvider }).strict(),
  'connections.connectApple': z
    .object({
      email: z.email().max(200),
      /** The app-specific password, xxxx-xxxx-xxxx-xxxx (the format is checked with guidance in the error). */
      appPassword: z.string().max(100),
      /** The CalDAV server; iCloud's by default. */
      serverUrl: endpoint.optional(),
    })
    .strict(),
  /** Deletes the provider's credentials at once; what was made at the provider stays there. */
  'connections.disconnect': z.object({ provider: z.enum(['google', 'apple', 'zoom']) }).strict(),
  'connections.selectCalendar': z.object({ calendarId: z.string().min(1).max(300) }).strict(),
  /** Reads busy times from connected calendars again now. */
  'connections.refresh': z.object({}).strict(),
  'connections.retryJob': z.object({ jobId: z.number().int().min(1) }).strict(),
  /** Makes the calendar feed URL, or replaces it (the old one stops working at once). */
  'feed.rotate': z.object({}).strict(),
  'feed.disable': z.object({}).strict(),
  'tokens.mint': z.object(mintFields).strict(),
  /** Each client Agent setup can install into: how, where, and whether it looks installed here. */
  'install.targets': z.object({}).strict(),
  /**
   * Mints a token like tokens.mint and installs it in the client (its config file, its CLI or its install link).
   * No path comes from the caller: each client's place is known (src/main/install/client-paths.ts).
   */
  'install.run': z.object({ client: z.enum(INSTALL_CLIENTS), ...mintFields }).strict(),
} as const;

export type ControlCallName = keyof typeof controlInputs;
export type ControlInput<N extends ControlCallName> = z.input<(typeof controlInputs)[N]>;

export interface GatewayStatus {
  mcpUrl: string;
  issuer: string;
  version: string;
  startedAt: string;
  dataDir: string;
  /** Every MCP request is refused while the owner has paused agents. */
  paused: boolean;
  /** 'new' until the owner chose how to start; 'demo' while the sample studio is in use; then 'own'. */
  workspace: 'new' | 'demo' | 'own';
  /** Names of every tool the gateway offers (for filters and approval settings). */
  tools: string[];
}

export interface ConnectedClient {
  clientId: string;
  name: string;
  website: string | null;
  /** Registered (RFC 7591), a setup snippet, or known by its client metadata document (client_id is its URL). */
  origin: 'registration' | 'setup-snippet' | 'metadata-document';
  /** For a metadata-document client: the domain that published its details (e.g. claude.ai); otherwise null. */
  verifiedDomain: string | null;
  /** Its answers go to a program on this computer (see ConsentRequestView.answersOnThisComputer). */
  answersOnThisComputer: boolean;
  software: string | null;
  /** When the owner last authorised it (ISO 8601). */
  authorisedAt: string;
  scopes: string[];
  lastUsedAt: string | null;
  expiresAt: string;
  /** Requests recorded for this client over the last 7 days (UTC). */
  callsLast7Days: number;
}

export interface ConsentRequestView {
  id: string;
  clientId: string;
  clientName: string;
  /**
   * True when the app is known by its client metadata document: its name and redirect addresses were fetched over
   * verified https from `verifiedDomain`. Dynamically registered names are claims, not facts: unverified.
   */
  verified: boolean;
  /** The domain that published the app's details (e.g. claude.ai), or null when unverified. */
  verifiedDomain: string | null;
  /**
   * The answer goes to a program on this computer (a loopback or app-scheme redirect): any program here could present
   * the same published details, so a verified domain proves where the details come from, not which program asks
   * (MCP authorization, "Localhost Redirect URI Risks").
   */
  answersOnThisComputer: boolean;
  website: string | null;
  redirectHost: string;
  requestedScopes: { name: string; meaning: string; required: boolean }[];
  /**
   * What this app may already do (a step-up: it asks for more). Approving widens the same connected app: it keeps
   * these and gains what the owner ticks.
   */
  alreadyGranted: { name: string; meaning: string }[];
  ignoredScopes: string[];
  createdAt: string;
  expiresAt: string;
}

export interface MintedToken {
  clientId: string;
  clientName: string;
  mcpUrl: string;
  token: string;
  scopes: string[];
  expiresAt: string;
}

/** A client Agent setup can install into (src/main/install/targets.ts). */
export interface InstallTarget {
  client: InstallClient;
  label: string;
  /** file: Studio Gateway merges the client's config file; command: it runs the client's own CLI; link: it opens the client's install link. */
  method: 'file' | 'command' | 'link';
  /** The client's folder or program was found on this computer. */
  detected: boolean;
  /** Where the server goes and how, in words. */
  where: string;
  /** The file that ends up holding the server (written by Studio Gateway for method file, by the client otherwise). */
  path: string | null;
  /** Installing is possible now; otherwise `problem` says why, in words. */
  available: boolean;
  problem: string | null;
  /** What would be written, with the access key shown as a placeholder. */
  preview: string;
}

/** What one-click install did, for the owner. */
export interface InstallResult {
  client: InstallClient;
  /** The connected app it created (listed and revoked under Connected apps like any setup snippet). */
  clientId: string;
  clientName: string;
  scopes: string[];
  expiresAt: string;
  /** The key the client lists the server under. */
  serverName: string;
  method: InstallTarget['method'];
  /** Plain words: what happened and what to do next. */
  message: string;
  /** The file written, and the copy of its earlier content (null when there was no file before). */
  path: string | null;
  backupPath: string | null;
  /** VS Code: its install link; `opened` when the desktop app opened it already (the web panel opens it itself). */
  link: string | null;
  opened: boolean;
  /** VS Code only: the access key its password prompt asks for (never written to a file). */
  token: string | null;
  /** Where the access key lives: the OS keychain (the bridge reads it), the client's config file, or VS Code's prompt. */
  tokenStored: 'keychain' | 'config-file' | 'prompt';
}

export type WorkspaceCounts = Record<'locations' | 'mentors' | 'certifications' | 'classes' | 'sessions' | 'clients' | 'bookings' | 'reviews' | 'threads' | 'messages' | 'earnings' | 'expenses' | 'directory', number>;

export interface ApprovalSettings {
  enabled: boolean;
  timeoutSeconds: number;
  tools: string[];
}

/** A rate: `burst` at once, then `perMinute` spread over each minute. */
export interface RateLimitView {
  burst: number;
  perMinute: number;
}

/** Limits on agents and local processes (src/main/limits.ts); only toolCalls is adjustable. */
export interface LimitsView {
  /** Tool calls (any MCP request) per app. */
  toolCalls: RateLimitView;
  /** Client registrations, all apps together. */
  registration: RateLimitView;
  /** New authorization requests per app. */
  authorization: RateLimitView;
  /** Consent requests waiting at once (one per app). */
  pendingConsentTotal: number;
  /** Calls of one app waiting for approval at once. */
  heldCallsPerClient: number;
  /** Registrations that never got access are removed after this long. */
  unusedRegistrationHours: number;
  /** Every agent request is answered within this long. */
  responseDeadlineSeconds: number;
}

/** The desktop app's updates (null in the headless gateway, which updates with npm). */
export interface UpdatesView {
  checkAutomatically: boolean;
  status: 'idle' | 'checking' | 'up-to-date' | 'available' | 'downloading' | 'ready' | 'unavailable' | 'error';
  /** The running version. */
  version: string;
  /** In plain words, for Settings. */
  detail: string;
}

export interface GatewaySettings {
  subscriptionTier: 'free' | 'pro' | 'premium';
  auditRetentionDays: number | null;
  theme: 'light' | 'dark' | 'system';
  port: number;
  preferredPort: number;
  dataDir: string;
  /** null where the host has no such thing (the headless gateway). */
  startAtLogin: boolean | null;
  /** The rotating log in the data folder (the desktop app opens it; headless, its path to open). */
  logFile: string;
  updates: UpdatesView | null;
  approvals: ApprovalSettings;
  limits: LimitsView;
}

/** A browser signed in to the web panel. */
export interface PanelSessionView {
  id: string;
  /** "Chrome 131 on macOS". */
  browser: string;
  signedInAt: string;
  lastUsedAt: string;
  /** When it ends unless used again (idle), or its absolute end, whichever comes first. */
  endsAt: string;
  /** The browser making this call. */
  current: boolean;
}

/** A tool call waiting for the owner's approval. */
export interface ApprovalRequestView {
  id: string;
  tool: string;
  toolTitle: string;
  clientId: string;
  clientName: string;
  /** The arguments as the tool's schema validated them, complete and never cut: exactly what runs if approved. */
  args: Record<string, unknown>;
  requestedAt: string;
  expiresAt: string;
}

export type ProviderId = 'google' | 'apple' | 'zoom';

export interface ProviderEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  apiBase: string;
}

export interface ConnectionView {
  provider: ProviderId;
  name: string;
  status: 'connected' | 'not_connected';
  /** "Connected as …". */
  account: string | null;
  /** Why it is not connected (expired, revoked, disconnected), or null. */
  detail: string | null;
  connectedAt: string | null;
  /** Connected before (now, or until it expired, was revoked or disconnected): the button says Reconnect. */
  wasConnected: boolean;
  /**
   * Google and Zoom: the OAuth app the owner registered (its secret is never sent back), and the redirect URI to
   * register with it. null for Apple.
   */
  app: { configured: boolean; clientId: string | null; endpoints: ProviderEndpoints; redirectUri: string } | null;
  /** Google: the calendars events may go to, and the chosen one. */
  calendars: { id: string; name: string; primary: boolean }[];
  calendarId: string | null;
  /** Google and Apple: when busy times were last read, and how many. */
  busy: { refreshedAt: string; count: number } | null;
  /** Apple: the CalDAV server. */
  serverUrl: string | null;
}

export interface FeedView {
  /** http:// and webcal:// forms of the secret URL; null while the feed is off. */
  url: string | null;
  webcalUrl: string | null;
  rotatedAt: string | null;
}

export interface SyncJobView {
  id: number;
  kind: 'meeting' | 'busy';
  /** What it is about, in words ("Online Evening Yin, 2026-12-02 20:30"). */
  subject: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  nextRunAt: string | null;
  lastError: string | null;
  result: string | null;
  updatedAt: string;
}

export interface ConnectionsOverview {
  providers: ConnectionView[];
  feed: FeedView;
  jobs: SyncJobView[];
  jobCounts: Record<SyncJobView['status'], number>;
  /** Credentials can only be stored with a keychain; without one, this says why. */
  keychain: { available: boolean; name: string; problem: string | null };
}

export interface AuditRowView {
  id: number;
  time: string;
  kind: 'oauth' | 'mcp' | 'control';
  endpoint: string;
  tool: string | null;
  clientId: string | null;
  clientName: string | null;
  grantId: string | null;
  actor: string | null;
  /** Redacted arguments, JSON (or cut text when argsTruncated). */
  args: string;
  argsTruncated: boolean;
  status: 'ok' | 'refused' | 'error';
  reason: string | null;
  httpStatus: number | null;
  durationMs: number;
  hash: string;
}

export interface ConnectionTimeline {
  clientId: string;
  registeredAt: string | null;
  consentAt: string | null;
  firstTokenAt: string | null;
  firstCallAt: string | null;
  lastCallAt: string | null;
  revokedAt: string | null;
}

export interface DailyCount {
  day: string;
  clientId: string;
  /** Tool name, or the endpoint for requests that are no tool call. */
  name: string;
  status: 'ok' | 'refused' | 'error';
  count: number;
}

export type ChainReport =
  | { ok: true; rows: number; from: number | null; to: number | null }
  | { ok: false; rows: number; brokenAt: number; reason: string };

/** Bodies larger than the default 64 KiB that a call may send over HTTP. */
export const CONTROL_BODY_LIMITS: Partial<Record<ControlCallName, number>> = { 'workspace.import': 64 * 1024 * 1024 + 1024 };

export interface ControlOutputs {
  'gateway.status': GatewayStatus;
  'gateway.setPaused': GatewayStatus;
  'clients.list': ConnectedClient[];
  'clients.revoke': { revoked: boolean };
  'consent.list': ConsentRequestView[];
  'consent.decide': { status: 'approved' | 'denied'; grantedScopes: string[]; clientId: string; clientName: string };
  'tokens.mint': MintedToken;
  'install.targets': InstallTarget[];
  'install.run': InstallResult;
  'workspace.export': { json: string; counts: WorkspaceCounts };
  'workspace.import': { counts: WorkspaceCounts };
  'workspace.wipe': { removed: WorkspaceCounts };
  'workspace.start': { workspace: GatewayStatus['workspace'] };
  'gateway.openLog': { opened: boolean; path: string };
  'updates.check': UpdatesView;
  'updates.download': UpdatesView;
  'updates.install': { installing: boolean };
  'settings.get': GatewaySettings;
  'settings.update': GatewaySettings;
  'audit.list': { rows: AuditRowView[]; nextCursor: string | null };
  'audit.count': { count: number };
  'audit.timeline': ConnectionTimeline;
  'audit.activity': DailyCount[];
  'audit.verify': ChainReport;
  'browsers.list': PanelSessionView[];
  'browsers.signOut': { signedOut: number };
  'browsers.signOutAll': { signedOut: number };
  'approvals.list': ApprovalRequestView[];
  'approvals.decide': { decided: 'approved' | 'denied' };
  'connections.list': ConnectionsOverview;
  'connections.configureApp': ConnectionView;
  'connections.connect': { authorizeUrl: string };
  'connections.connectApple': ConnectionView;
  'connections.disconnect': ConnectionView;
  'connections.selectCalendar': ConnectionView;
  'connections.refresh': ConnectionsOverview;
  'connections.retryJob': { retried: boolean };
  'feed.rotate': FeedView;
  'feed.disable': FeedView;
}

/** A failed call: `code` is stable for programs, `message` is for the owner. */
export interface ControlFailure {
  code: string;
  message: string;
}

export type ControlResult<N extends ControlCallName> = { ok: true; result: ControlOutputs[N] } | { ok: false; error: ControlFailure };

