import type { AppActivity, AppIdentity } from '../../../../shared/control-api.ts';

/** Search and sort appear once there are more apps than this: a handful reads at a glance. */
export const SEARCH_ABOVE = 5;

export const APP_SORTS = [
  { id: 'last-used', label: 'Last used' },
  { id: 'name', label: 'Name' },
  { id: 'first-seen', label: 'First seen' },
] as const;
export type AppSort = (typeof APP_SORTS)[number]['id'];

type Listed = AppIdentity & AppActivity;

/** A name as the owner reads it: "Cursor", "cursor " and "CURSOR" are the same name. */
const sameName = (name: string) => name.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/** What a search looks in: the name, the website, the software and the fingerprint (typed with or without its dash). */
function haystack(app: Listed): string {
  return [app.name, app.website ?? '', app.software ?? '', app.fingerprint, app.fingerprint.replace('-', '')].join(' ').toLocaleLowerCase();
}

const byName = (a: Listed, b: Listed) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.fingerprint.localeCompare(b.fingerprint);

const COMPARE: Record<AppSort, (a: Listed, b: Listed) => number> = {
  // Most recently used first; apps never used last.
  'last-used': (a, b) => (b.lastUsedAt ?? '').localeCompare(a.lastUsedAt ?? '') || byName(a, b),
  name: byName,
  // The newest first: a newcomer is what the owner looks for.
  'first-seen': (a, b) => b.firstSeenAt.localeCompare(a.firstSeenAt) || byName(a, b),
};

/** The apps whose details hold every word of the query, in the chosen order. */
export function findApps<T extends Listed>(apps: readonly T[], query: string, sort: AppSort): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return apps.filter((app) => words.every((word) => haystack(app).includes(word))).sort(COMPARE[sort]);
}

/** Names that more than one app goes by, as the first of them spells it, with how many apps use it. */
export function sharedNames(apps: readonly Listed[]): { name: string; count: number }[] {
  const groups = new Map<string, { name: string; count: number }>();
  for (const app of apps) {
    const key = sameName(app.name);
    const group = groups.get(key) ?? { name: app.name.trim(), count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].filter((group) => group.count > 1);
}

/** Whether an app's name is one that several apps share. */
export function sharesName(app: Listed, shared: readonly { name: string }[]): boolean {
  return shared.some((group) => sameName(group.name) === sameName(app.name));
}

const COUNT_WORDS = ['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine'];

/** "Two apps are called Cursor — check the fingerprints". */
export function lookAlikeWarning(group: { name: string; count: number }): string {
  return `${COUNT_WORDS[group.count] ?? group.count} apps are called ${group.name} — check the fingerprints`;
}
