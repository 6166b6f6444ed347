import { knownScopes, riskOf, scopeInfo, type Risk } from './scopes.ts';

/** One part of the summary: a verb and what it acts on ("could change" + ["your classes", "bookings"]). */
export interface AccessSummaryPart {
  readonly verb: string;
  readonly what: readonly string[];
  readonly risk?: Risk;
  /** The part in words, without the leading capital: "could change your classes and bookings". */
  readonly text: string;
}

/**
 * Connecting at all and staying connected are what every app does (the duration says how long), and an anonymous
 * number that tells it the same person came back says nothing about her: not summarised.
 */
const UNSAID = new Set(['mcp:tools', 'offline_access', 'openid']);
/** The summary when an app would get nothing beyond connecting. */
export const NOTHING_MORE = 'Could connect, and nothing more';
const RISK_ORDER: (Risk | undefined)[] = ['permanent', 'money', undefined];
/** Within the same risk, what changes things comes before what only sees them. */
const TIER_ORDER = ['delete', 'write', 'read', undefined];

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * What an app could do with these permissions, as parts of one plain line, the risky ones first: "could permanently
 * delete clients", "could see your earnings", "could change your classes and bookings", "could see reviews". Seeing a resource goes
 * unsaid where changing or deleting it is there (those include seeing it: scopes.ts effectiveScopes).
 */
export function accessSummary(scopes: Iterable<string>): AccessSummaryPart[] {
  const names = knownScopes(scopes);
  const higher = new Set(names.map(scopeInfo).flatMap((info) => (info?.resource && info.tier !== 'read' ? [info.resource] : [])));
  const groups = new Map<string, { verb: string; what: string[]; risk: Risk | undefined; rank: number }>();
  for (const name of names) {
    const info = scopeInfo(name);
    if (!info || UNSAID.has(name)) continue;
    if (info.tier === 'read' && info.resource && higher.has(info.resource)) continue;
    const risk = riskOf(name);
    const key = `${risk ?? ''}|${info.does.verb}`;
    const group = groups.get(key) ?? { verb: info.does.verb, what: [], risk, rank: TIER_ORDER.indexOf(info.tier) };
    if (!group.what.includes(info.does.what)) group.what.push(info.does.what);
    groups.set(key, group);
  }
  return RISK_ORDER.flatMap((risk) =>
    [...groups.values()]
      .filter((group) => group.risk === risk)
      .sort((a, b) => a.rank - b.rank)
      .map((group) => ({ verb: group.verb, what: group.what, text: `could ${group.verb} ${joinAnd(group.what)}`, ...(group.risk ? { risk: group.risk } : {}) })),
  );
}

/** The summary as one sentence: "Could permanently delete clients · could see your earnings". */
export function accessSummaryText(scopes: Iterable<string>): string {
  const parts = accessSummary(scopes);
  if (parts.length === 0) return NOTHING_MORE;
  const text = parts.map((part) => part.text).join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
