/**
 * What the control panel's calls answer: the views main builds and the renderer shows. The calls themselves (name,
 * input schema, output type, audit rule, handler) are defined in src/main/control/calls/, one file per area; their
 * names and types are re-exported here for the renderer and tests, as types only (nothing here is bundled).
 */
import type { Sentence } from './sentence.ts';
import type { AuditStatus } from './audit-row.ts';
import type { ErrorCode } from '../main/errors.ts';
import type { InstallClient } from './snippets.ts';

import type { ControlCallName, ControlOutputs } from '../main/control/calls/index.ts';

export type { ControlCallName, ControlInput, ControlOutputs } from '../main/control/calls/index.ts';

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

/** Who an app is, and what tells it apart from a look-alike (the same name, another app). */
export interface AppIdentity {
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
  /** A short code worked out from the client id (oauth/app-fingerprint.ts): the same app always has the same one. */
  fingerprint: string;
  /** When the gateway first saw it: its registration, its setup, or its first approval (ISO 8601). */
  firstSeenAt: string;
}

/**
 * What an app did lately, all counted from one set of rows: its tool calls in the audit log. So "last used" and the
 * counts always agree (a last use of never comes with no calls).
 */
export interface AppActivity {
  /** Its latest tool call (ISO 8601), or null when it never made one. */
  lastUsedAt: string | null;
  /** Tool calls over the last 7 days (UTC), whatever their outcome. */
  callsLast7Days: number;
  /** Of those, the ones that did not go through (no permission, denied by the owner, paused, failed…). */
  notDoneLast7Days: number;
  /** What the others did, in the owner's words ("sent 1 message, cancelled 1 booking"); '' when nothing. */
  didLast7Days: string;
}

/** An app that holds access now. */
export interface ConnectedApp extends AppIdentity, AppActivity {
  /** When the owner last authorised it (ISO 8601). */
  authorisedAt: string;
  scopes: string[];
  /** When its access ends (ISO 8601); null when the owner approved it until she revokes it. */
  expiresAt: string | null;
  /** The owner paused this one app ("Deny and pause this app"): its requests are refused until she resumes it (apps.setPaused). */
  paused: boolean;
}

/** An app the owner revoked (and that did not come back since): its timeline and activity stay one click away. */
export interface RevokedApp extends AppIdentity, AppActivity {
  revokedAt: string;
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
  /** What the call will do, in words with the records' real names, read when it was asked ("Delete client Anna Nilsson — 14 bookings and notes"). */
  sentence: Sentence;
  /** The arguments as the tool's schema validated them, complete and never cut: exactly what runs if approved. */
  args: Record<string, unknown>;
  /** The tool is destructive (MCP's destructiveHint): what it deletes cannot be brought back. */
  cannotBeUndone: boolean;
  requestedAt: string;
  expiresAt: string;
  /** How long the owner had to answer, in seconds: when nobody answers by expiresAt, the agent is told no. */
  timeoutSeconds: number;
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

export type { AuditRowView } from './audit-row.ts';

export interface ConnectionTimeline {
  clientId: string;
  registeredAt: string | null;
  consentAt: string | null;
  firstTokenAt: string | null;
  firstCallAt: string | null;
  lastCallAt: string | null;
  revokedAt: string | null;
}

/** A tool as the owner reads it: "Cancel a booking" for cancel_booking. */
export interface ToolTitle {
  name: string;
  title: string;
}

export interface DailyCount {
  day: string;
  clientId: string;
  /** Tool name, or the endpoint for requests that are no tool call. */
  name: string;
  status: AuditStatus;
  count: number;
}

export type ChainReport =
  | { ok: true; rows: number; from: number | null; to: number | null }
  | { ok: false; rows: number; brokenAt: number; reason: string };

/** A failed call: `code` is stable for programs, `message` is for the owner. */
export interface ControlFailure {
  code: ErrorCode;
  message: string;
}

export type ControlResult<N extends ControlCallName> = { ok: true; result: ControlOutputs[N] } | { ok: false; error: ControlFailure };

