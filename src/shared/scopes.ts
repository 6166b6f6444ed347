/**
 * The scope catalogue: every scope the gateway knows, what it means in plain language, and the bundles
 * offered in one click. docs/product.md#scopes and #bundles are the source; this file is the one place they live in code.
 * Shared by the gateway (discovery, consent, the scope guard) and the control panel (consent view, setup).
 */

export type Tier = 'read' | 'write' | 'delete';

export const RESOURCES = [
  'profile',
  'mentor',
  'studio',
  'classes',
  'bookings',
  'clients',
  'financials',
  'reviews',
  'messages',
] as const;
export type Resource = (typeof RESOURCES)[number];

export interface ScopeInfo {
  readonly name: string;
  /** Plain-language meaning shown on the consent view. */
  readonly meaning: string;
  readonly resource?: Resource;
  readonly tier?: Tier;
  /** Pro+ only: on the Free tier the tools answer "upgrade required" whatever the grant. */
  readonly proOnly?: boolean;
}

const resourceScopes: ScopeInfo[] = [
  { name: 'read:profile', resource: 'profile', tier: 'read', meaning: 'See your profile: name, email, account type and settings' },
  { name: 'write:profile', resource: 'profile', tier: 'write', meaning: 'Change your name and settings (never your email)' },
  { name: 'read:mentor', resource: 'mentor', tier: 'read', meaning: 'See your mentor profile: bio, photos, locations, certifications' },
  { name: 'write:mentor', resource: 'mentor', tier: 'write', meaning: 'Edit your mentor profile' },
  { name: 'read:studio', resource: 'studio', tier: 'read', meaning: 'See your studio profile and locations' },
  { name: 'write:studio', resource: 'studio', tier: 'write', meaning: 'Edit your studio profile and locations' },
  { name: 'read:classes', resource: 'classes', tier: 'read', meaning: 'See your classes, schedules, capacity and prices' },
  { name: 'write:classes', resource: 'classes', tier: 'write', meaning: 'Create and change classes, schedules, capacity and prices', proOnly: true },
  { name: 'read:bookings', resource: 'bookings', tier: 'read', meaning: 'See the bookings on your classes' },
  { name: 'write:bookings', resource: 'bookings', tier: 'write', meaning: 'Book clients in, cancel bookings and mark them paid' },
  { name: 'read:clients', resource: 'clients', tier: 'read', meaning: 'See your clients, their history and your notes' },
  { name: 'write:clients', resource: 'clients', tier: 'write', meaning: 'Edit notes and tags on your clients' },
  { name: 'read:financials', resource: 'financials', tier: 'read', meaning: 'See your earnings and expenses', proOnly: true },
  { name: 'write:financials', resource: 'financials', tier: 'write', meaning: 'Add and change expenses and how earnings are categorised', proOnly: true },
  { name: 'read:reviews', resource: 'reviews', tier: 'read', meaning: 'See reviews on your profile' },
  { name: 'write:reviews', resource: 'reviews', tier: 'write', meaning: 'Respond to reviews' },
  { name: 'read:messages', resource: 'messages', tier: 'read', meaning: 'Read your inbox' },
  { name: 'write:messages', resource: 'messages', tier: 'write', meaning: 'Send messages on your behalf' },
  { name: 'delete:classes', resource: 'classes', tier: 'delete', meaning: 'Permanently delete classes', proOnly: true },
  { name: 'delete:bookings', resource: 'bookings', tier: 'delete', meaning: 'Permanently delete bookings' },
  { name: 'delete:clients', resource: 'clients', tier: 'delete', meaning: 'Permanently delete clients and their history' },
  { name: 'delete:financials', resource: 'financials', tier: 'delete', meaning: 'Permanently delete expenses and earnings records', proOnly: true },
  { name: 'delete:messages', resource: 'messages', tier: 'delete', meaning: 'Permanently delete messages' },
];

const otherScopes: ScopeInfo[] = [
  { name: 'read:public', meaning: 'Search the public directory of mentors, studios and classes, with distances from your home' },
  { name: 'mcp:tools', meaning: 'Use Studio Gateway tools at all (required to connect an agent)' },
  { name: 'offline_access', meaning: 'Stay connected without asking you again when its 1-hour access expires' },
  { name: 'openid', meaning: 'Know that it is you (an anonymous account identifier)' },
  { name: 'profile', meaning: 'Know your name' },
  { name: 'email', meaning: 'Know your email address' },
];

/** Every scope a client may be granted, in display order. `admin:*` is reserved and deliberately absent. */
export const SCOPES: readonly ScopeInfo[] = [...resourceScopes, ...otherScopes];
export const SCOPE_NAMES: readonly string[] = SCOPES.map((s) => s.name);
const byName = new Map(SCOPES.map((s) => [s.name, s]));

export function scopeInfo(name: string): ScopeInfo | undefined {
  return byName.get(name);
}

/** OpenID Connect scopes: carried by the grant, never by a token for the MCP resource. */
export const OIDC_SCOPES: readonly string[] = ['openid', 'offline_access', 'profile', 'email'];
/** Scopes of the MCP resource (what an access token for /mcp can carry). */
export const RESOURCE_SERVER_SCOPES: readonly string[] = SCOPE_NAMES.filter((s) => !OIDC_SCOPES.includes(s));
/** Locked on the consent view: without it the client could not use the gateway at all. */
export const REQUIRED_SCOPES: readonly string[] = ['mcp:tools'];
/** Reserved for the platform (Loopwise seed): never granted, never advertised, never echoed. */
export const RESERVED_SCOPE_PREFIX = 'admin:';

/** Keeps the known scopes of a space-separated list, in catalogue order, dropping duplicates and unknowns. */
export function knownScopes(requested: Iterable<string>): string[] {
  const wanted = new Set(requested);
  return SCOPE_NAMES.filter((s) => wanted.has(s));
}

export function parseScope(scope: string | undefined | null): string[] {
  return (scope ?? '').split(' ').filter(Boolean);
}

/**
 * The scopes a grant effectively holds. Tiers are additive (verxion seed): write implies read on the same
 * resource, delete implies write (and so read).
 */
export function effectiveScopes(granted: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const name of granted) {
    out.add(name);
    const info = byName.get(name);
    if (!info?.resource) continue;
    if (info.tier === 'write' || info.tier === 'delete') out.add(`read:${info.resource}`);
    if (info.tier === 'delete') out.add(`write:${info.resource}`);
  }
  return out;
}

export type BundleId = 'default' | 'read-only' | 'personal-assistant' | 'full-control';

export interface Bundle {
  readonly id: BundleId;
  readonly label: string;
  readonly description: string;
  readonly scopes: readonly string[];
}

const connection = ['mcp:tools', 'offline_access'];
const readOnly = ['read:profile', 'read:bookings', 'read:classes', 'read:clients'];
const everyday = [
  ...RESOURCES.filter((r) => r !== 'financials').map((r) => `write:${r}`),
  'read:public',
];

/**
 * One-click bundles (docs/product.md#bundles, and the verxion seed's "default" snippet). No bundle holds the delete tier.
 * Default leaves money out entirely; Full control adds reading it (MoveMentors: everything except
 * write:financials).
 */
export const BUNDLES: readonly Bundle[] = [
  {
    id: 'default',
    label: 'Default',
    description: 'Everyday work at the write tier: profile, classes, bookings, clients, reviews, messages. No financials, never delete.',
    scopes: [...knownScopes(everyday), ...connection],
  },
  {
    id: 'read-only',
    label: 'Read-only',
    description: 'Answers questions about your profile, classes, bookings and clients; changes nothing.',
    scopes: [...readOnly, ...connection],
  },
  {
    id: 'personal-assistant',
    label: 'Personal assistant',
    description: 'Read-only plus managing bookings, classes and messages.',
    scopes: knownScopes([...readOnly, 'write:bookings', 'write:classes', 'write:messages', ...connection]),
  },
  {
    id: 'full-control',
    label: 'Full control',
    description: 'Every resource scope except writing financials and the delete tier.',
    scopes: knownScopes([...everyday, 'read:financials', ...connection]),
  },
];

export function bundle(id: BundleId): Bundle {
  const found = BUNDLES.find((b) => b.id === id);
  if (!found) throw new Error(`unknown bundle ${id}`);
  return found;
}
