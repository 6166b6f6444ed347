/**
 * The control-panel call registry: every call the panel can make, with its input schema and result type.
 * One source for the gateway (handlers), the Electron preload (named methods) and the renderer (client).
 * Transport-agnostic: Electron IPC and the headless panel's HTTP carry the same calls.
 */
import { z } from 'zod';
import { BUNDLES, SCOPE_NAMES } from './scopes.ts';

const id = z.string().min(1).max(200);
const scopeList = z.array(z.enum(SCOPE_NAMES as [string, ...string[]])).max(SCOPE_NAMES.length);
const bundleIds = BUNDLES.map((b) => b.id) as [string, ...string[]];

const DAY = 24 * 60 * 60;

export const controlInputs = {
  'gateway.status': z.object({}).strict(),
  'clients.list': z.object({}).strict(),
  'clients.revoke': z.object({ clientId: id }).strict(),
  'consent.list': z.object({}).strict(),
  'consent.decide': z
    .object({
      requestId: id,
      decision: z.enum(['approve', 'deny']),
      /** Approve selected: the scopes to grant. Omitted on approve: everything requested (Approve all). */
      scopes: scopeList.optional(),
      /** Time-boxed access: the grant ends after this many seconds. Omitted: the default lifetime. */
      expiresInSeconds: z.number().int().min(60).max(365 * DAY).optional(),
    })
    .strict(),
  'workspace.export': z.object({}).strict(),
  /** Replaces the whole workspace with an exported file (its JSON text). */
  'workspace.import': z.object({ json: z.string().min(2).max(64 * 1024 * 1024) }).strict(),
  /** Typed confirmation: the panel asks the owner to type "wipe". */
  'workspace.wipe': z.object({ confirm: z.literal('wipe') }).strict(),
  'settings.get': z.object({}).strict(),
  'settings.update': z.object({ subscriptionTier: z.enum(['free', 'pro', 'premium']).optional() }).strict(),
  'tokens.mint': z
    .object({
      bundle: z.enum([...bundleIds, 'custom']),
      /** Custom bundle only: the scopes to put on the token. */
      scopes: scopeList.optional(),
      /** Shown under Connected apps; made unique if another client already has it. */
      clientName: z.string().trim().min(1).max(80),
      expiresInDays: z.number().int().min(1).max(365),
    })
    .strict(),
} as const;

export type ControlCallName = keyof typeof controlInputs;
export type ControlInput<N extends ControlCallName> = z.input<(typeof controlInputs)[N]>;

export interface GatewayStatus {
  mcpUrl: string;
  issuer: string;
  version: string;
  startedAt: string;
  dataDir: string;
}

export interface ConnectedClient {
  clientId: string;
  name: string;
  website: string | null;
  origin: 'registration' | 'setup-snippet';
  software: string | null;
  /** When the owner last authorised it (ISO 8601). */
  authorisedAt: string;
  scopes: string[];
  lastUsedAt: string | null;
  expiresAt: string;
}

export interface ConsentRequestView {
  id: string;
  clientId: string;
  clientName: string;
  /** Dynamically registered names are claims, not facts: the panel marks them unverified. */
  verified: false;
  website: string | null;
  redirectHost: string;
  requestedScopes: { name: string; meaning: string; required: boolean }[];
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

export type WorkspaceCounts = Record<'locations' | 'mentors' | 'certifications' | 'classes' | 'sessions' | 'clients' | 'bookings' | 'reviews' | 'threads' | 'messages' | 'earnings' | 'expenses' | 'directory', number>;

export interface GatewaySettings {
  subscriptionTier: 'free' | 'pro' | 'premium';
}

/** Bodies larger than the default 64 KiB that a call may send over HTTP. */
export const CONTROL_BODY_LIMITS: Partial<Record<ControlCallName, number>> = { 'workspace.import': 64 * 1024 * 1024 + 1024 };

export interface ControlOutputs {
  'gateway.status': GatewayStatus;
  'clients.list': ConnectedClient[];
  'clients.revoke': { revoked: boolean };
  'consent.list': ConsentRequestView[];
  'consent.decide': { status: 'approved' | 'denied'; grantedScopes: string[]; clientId: string; clientName: string };
  'tokens.mint': MintedToken;
  'workspace.export': { json: string; counts: WorkspaceCounts };
  'workspace.import': { counts: WorkspaceCounts };
  'workspace.wipe': { removed: WorkspaceCounts };
  'settings.get': GatewaySettings;
  'settings.update': GatewaySettings;
}

/** A failed call: `code` is stable for programs, `message` is for the owner. */
export interface ControlFailure {
  code: string;
  message: string;
}

export type ControlResult<N extends ControlCallName> = { ok: true; result: ControlOutputs[N] } | { ok: false; error: ControlFailure };

