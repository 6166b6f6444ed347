/**
 * Edit permissions, as the gateway checks it and the panel offers it: which permissions the owner may change on a
 * connected app, what a change adds or takes away (tiers add up, so "see and change" already holds "see"), and the
 * permissions after she chose a level per area.
 */
import { effectiveScopes, knownScopes, REQUIRED_SCOPES, RESOURCE_SERVER_SCOPES, RESOURCES, SCOPES, type Resource, type Tier } from './scopes.ts';

/**
 * What the owner may change: what an app may do at the MCP endpoint. Connecting at all stays (taking it away is
 * Revoke), and so do the sign-in permissions (staying connected, knowing it is you): they say how it connects.
 */
export const EDITABLE_SCOPES: readonly string[] = RESOURCE_SERVER_SCOPES.filter((s) => !REQUIRED_SCOPES.includes(s));

/** The permission to search the public directory: on or off, it has no levels. */
export const PUBLIC_DIRECTORY = 'read:public';

/** What `after` lets an app do that `before` did not, in catalogue order (holding write:x, it could already read x). */
export function gainedScopes(before: Iterable<string>, after: Iterable<string>): string[] {
  const had = effectiveScopes(before);
  return knownScopes(effectiveScopes(after)).filter((s) => !had.has(s));
}

/** What `after` no longer lets an app do that `before` did. */
export function lostScopes(before: Iterable<string>, after: Iterable<string>): string[] {
  return gainedScopes(after, before);
}

/** Each area with the levels the catalogue offers for it, lowest first, each by its permission. */
export const AREA_LEVELS: readonly { resource: Resource; levels: readonly { tier: Tier; scope: string }[] }[] = RESOURCES.map((resource) => ({
  resource,
  levels: SCOPES.filter((s) => s.resource === resource && s.tier).map((s) => ({ tier: s.tier as Tier, scope: s.name })),
}));

/** The highest level these permissions give on an area (tiers add up), or null for none. */
export function levelOn(scopes: Iterable<string>, resource: Resource): Tier | null {
  const effective = effectiveScopes(scopes);
  const levels = AREA_LEVELS.find((area) => area.resource === resource)?.levels ?? [];
  return [...levels].reverse().find((level) => effective.has(level.scope))?.tier ?? null;
}

/**
 * The editable permissions after the owner's choices: a level per area (null: none) and the public directory. An area
 * left at the level it had keeps its permissions exactly as held; a changed one gets every level up to the chosen one.
 */
export function withChoices(held: readonly string[], choices: Partial<Record<Resource, Tier | null>>, publicDirectory: boolean): string[] {
  let scopes = held.filter((s) => EDITABLE_SCOPES.includes(s) && s !== PUBLIC_DIRECTORY);
  for (const area of AREA_LEVELS) {
    const chosen = choices[area.resource];
    if (chosen === undefined || chosen === levelOn(held, area.resource)) continue;
    const ofArea = new Set(area.levels.map((level) => level.scope));
    scopes = scopes.filter((s) => !ofArea.has(s));
    if (chosen === null) continue;
    const upTo = area.levels.findIndex((level) => level.tier === chosen);
    scopes.push(...area.levels.slice(0, upTo + 1).map((level) => level.scope));
  }
  if (publicDirectory) scopes.push(PUBLIC_DIRECTORY);
  return knownScopes(scopes);
}
