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

/**
 * Why a permission is risky, for the owner: what it does cannot be undone (the delete tier), or it touches her money
 * (financials). Risky permissions are never pre-selected and are marked in words, not only in colour.
 */
export type Risk = 'permanent' | 'money';

export interface ScopeInfo {
  readonly name: string;
  /** Plain-language meaning shown on the consent view. */
  readonly meaning: string;
  /**
   * What it lets an app do, for the one-line summary ("Could permanently delete clients · could see your earnings"):
   * phrases with the same verb are joined ("could change classes and bookings").
   */
  readonly does: { readonly verb: string; readonly what: string };
  readonly resource?: Resource;
  readonly tier?: Tier;
  /** Pro+ only: on the Free tier the tools answer "upgrade required" whatever the grant. */
  readonly proOnly?: boolean;
}

const resourceScopes: ScopeInfo[] = [
  { name: 'read:profile', resource: 'profile', tier: 'read', meaning: 'See your profile: name, email, account type and settings', does: { verb: 'see', what: 'your profile' } },
  { name: 'write:profile', resource: 'profile', tier: 'write', meaning: 'Change your name and settings (never your email)', does: { verb: 'change', what: 'your profile' } },
  { name: 'read:mentor', resource: 'mentor', tier: 'read', meaning: 'See your mentor profile: bio, photos, locations, certifications', does: { verb: 'see', what: 'your mentor profile' } },
  { name: 'write:mentor', resource: 'mentor', tier: 'write', meaning: 'Edit your mentor profile', does: { verb: 'change', what: 'your mentor profile' } },
  { name: 'read:studio', resource: 'studio', tier: 'read', meaning: 'See your studio profile and locations', does: { verb: 'see', what: 'your studio profile' } },
  { name: 'write:studio', resource: 'studio', tier: 'write', meaning: 'Edit your studio profile and locations', does: { verb: 'change', what: 'your studio profile' } },
  { name: 'read:classes', resource: 'classes', tier: 'read', meaning: 'See your classes, schedules, capacity and prices', does: { verb: 'see', what: 'your classes' } },
  { name: 'write:classes', resource: 'classes', tier: 'write', meaning: 'Create and change classes, schedules, capacity and prices', proOnly: true, does: { verb: 'change', what: 'your classes' } },
  { name: 'read:bookings', resource: 'bookings', tier: 'read', meaning: 'See the bookings on your classes', does: { verb: 'see', what: 'bookings' } },
  { name: 'write:bookings', resource: 'bookings', tier: 'write', meaning: 'Book clients in, cancel bookings and mark them paid', does: { verb: 'change', what: 'bookings' } },
  { name: 'read:clients', resource: 'clients', tier: 'read', meaning: 'See your clients, their history and your notes', does: { verb: 'see', what: 'your clients' } },
  { name: 'write:clients', resource: 'clients', tier: 'write', meaning: 'Edit notes and tags on your clients', does: { verb: 'change', what: 'notes on your clients' } },
  { name: 'read:financials', resource: 'financials', tier: 'read', meaning: 'See your earnings and expenses', proOnly: true, does: { verb: 'see', what: 'your earnings' } },
  { name: 'write:financials', resource: 'financials', tier: 'write', meaning: 'Add and change expenses and how earnings are categorised', proOnly: true, does: { verb: 'change', what: 'your earnings and expenses' } },
  { name: 'read:reviews', resource: 'reviews', tier: 'read', meaning: 'See reviews on your profile', does: { verb: 'see', what: 'reviews' } },
  { name: 'write:reviews', resource: 'reviews', tier: 'write', meaning: 'Respond to reviews', does: { verb: 'answer', what: 'reviews' } },
  { name: 'read:messages', resource: 'messages', tier: 'read', meaning: 'Read your inbox', does: { verb: 'read', what: 'your messages' } },
  { name: 'write:messages', resource: 'messages', tier: 'write', meaning: 'Send messages on your behalf', does: { verb: 'send', what: 'messages for you' } },
  { name: 'delete:classes', resource: 'classes', tier: 'delete', meaning: 'Permanently delete classes', proOnly: true, does: { verb: 'permanently delete', what: 'classes' } },
  { name: 'delete:bookings', resource: 'bookings', tier: 'delete', meaning: 'Permanently delete bookings', does: { verb: 'permanently delete', what: 'bookings' } },
  { name: 'delete:clients', resource: 'clients', tier: 'delete', meaning: 'Permanently delete clients and their history', does: { verb: 'permanently delete', what: 'clients' } },
  { name: 'delete:financials', resource: 'financials', tier: 'delete', meaning: 'Permanently delete expenses and earnings records', proOnly: true, does: { verb: 'permanently delete', what: 'earnings records' } },
  { name: 'delete:messages', resource: 'messages', tier: 'delete', meaning: 'Permanently delete messages', does: { verb: 'permanently delete', what: 'messages' } },
];

const otherScopes: ScopeInfo[] = [
  { name: 'read:public', meaning: 'Search the public directory of mentors, studios and classes, with distances from your home', does: { verb: 'search', what: 'the public directory' } },
  { name: 'mcp:tools', meaning: 'Connect to your studio', does: { verb: 'connect to', what: 'your studio' } },
  { name: 'offline_access', meaning: 'Stay connected without asking you again every hour', does: { verb: 'stay', what: 'connected' } },
  { name: 'openid', meaning: 'Know it is you (an anonymous number, not your name)', does: { verb: 'know', what: 'that it is you' } },
  { name: 'profile', meaning: 'Know your name', does: { verb: 'know', what: 'your name' } },
  { name: 'email', meaning: 'Know your email address', does: { verb: 'know', what: 'your email address' } },
];

/** Every scope a client may be granted, in display order. `admin:*` is reserved and deliberately absent. */
export const SCOPES: readonly ScopeInfo[] = [...resourceScopes, ...otherScopes];
export const SCOPE_NAMES: readonly string[] = SCOPES.map((s) => s.name);
const byName = new Map(SCOPES.map((s) => [s.name, s]));

export function scopeInfo(name: string): ScopeInfo | undefined {
  return byName.get(name);
}

/** Why a scope is risky, or undefined: the delete tier cannot be undone (it wins), financials are the owner's money. */
export function riskOf(name: string): Risk | undefined {
  const info = byName.get(name);
  if (info?.tier === 'delete') return 'permanent';
  if (info?.resource === 'financials') return 'money';
  return undefined;
}

/** The words a risky permission carries wherever it is offered (beside its colour, never instead of it). */
export const RISK_LABELS: Record<Risk, string> = {
  permanent: "Risky: can't be undone",
  money: 'Risky: your money',
};

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
    description: 'Everyday work: your profiles, classes, bookings, clients, reviews and messages. Never your money, never deletes anything.',
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
    description: 'Everything in Read-only, plus managing bookings, classes and messages.',
    scopes: knownScopes([...readOnly, 'write:bookings', 'write:classes', 'write:messages', ...connection]),
  },
  {
    id: 'full-control',
    label: 'Full control',
    description: 'Everyday work, plus seeing your earnings and expenses. Never changes money records, never deletes anything.',
    scopes: knownScopes([...everyday, 'read:financials', ...connection]),
  },
];

export function bundle(id: BundleId): Bundle {
  const found = BUNDLES.find((b) => b.id === id);
  if (!found) throw new Error(`unknown bundle ${id}`);
  return found;
}
