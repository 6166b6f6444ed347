import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryEntry, DirectoryFilter } from '../../../src/main/storage/directory-repo.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { agentWith, call } from '../../support/tools.ts';

let tg: TestGateway;
let agent: Client;
beforeEach(async () => {
  tg = await startTestGateway();
  agent = await agentWith(tg, ['read:public']);
});
afterEach(async () => {
  await agent.close();
  await tg.close();
});

interface Result {
  id: string;
  kind: string;
  name: string;
  city: string;
  practices: string[];
  distance_km: number | null;
}

const HOME = { lat: 59.3149, lng: 18.0726 };
const LISBON = { lat: 38.7223, lng: -9.1393 };

/** Written out here on purpose (not imported), so the service is checked against an independent formula. */
function greatCircleKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371.0088 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

const rows = (filter: DirectoryFilter = {}): DirectoryEntry[] => tg.gateway.services.storage.directory.search(filter);

/** Follows next_cursor to the end and returns every result in order. */
async function allPages(args: Record<string, unknown>): Promise<{ results: Result[]; pages: number }> {
  const results: Result[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await call(agent, 'search_directory', { ...args, ...(cursor ? { cursor } : {}) });
    expect(page.isError, page.text).toBe(false);
    results.push(...(page.data.results as Result[]));
    cursor = (page.data.next_cursor as string | null) ?? undefined;
    pages++;
  } while (cursor);
  return { results, pages };
}

function expectNonDecreasing(distances: (number | null)[]): void {
  for (let i = 1; i < distances.length; i++) expect(distances[i] as number).toBeGreaterThanOrEqual(distances[i - 1] as number);
}

describe('distances', () => {
  it("measures from the saved home by default: each distance is the haversine to the row, rounded to 0.1 km, nearest first", async () => {
    const { results } = await allPages({ limit: 100 });
    const byId = new Map(rows().map((r) => [r.id, r]));
    expect(results).toHaveLength(100);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set(byId.keys()));
    for (const result of results) {
      const row = byId.get(result.id);
      if (!row) throw new Error(`${result.id} is not in the directory`);
      const exact = greatCircleKm(HOME, row);
      expect(Math.abs((result.distance_km as number) - exact), result.id).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs((result.distance_km as number) * 10 - Math.round((result.distance_km as number) * 10))).toBeLessThan(1e-9);
    }
    expectNonDecreasing(results.map((r) => r.distance_km));
    expect(results[0]?.city).toBe('Stockholm');
    expect(results.at(-1)?.city).toBe('Lisbon');
  });

  it('says where it measured from without returning the home location itself', async () => {
    const result = await call(agent, 'search_directory', { limit: 5 });
    expect(result.data.measured_from).toBe('home');
    expect(result.text).not.toContain('Södermalm');
    expect(result.text).not.toContain('59.3149');
  });

  it('measures from near instead of the home when given', async () => {
    const result = await call(agent, 'search_directory', { near: LISBON, limit: 100 });
    const found = result.data.results as Result[];
    expect(result.data.measured_from).toBe('near');
    expect(found[0]?.city).toBe('Lisbon');
    const row = rows().find((r) => r.id === found[0]?.id);
    expect(Math.abs((found[0]?.distance_km as number) - greatCircleKm(LISBON, row as DirectoryEntry))).toBeLessThanOrEqual(0.05 + 1e-9);
    expectNonDecreasing(found.map((r) => r.distance_km));
  });

  it('keeps only results within radius_km, exactly those a brute-force count finds', async () => {
    const expected = rows().filter((r) => greatCircleKm(HOME, r) <= 50).map((r) => r.id);
    const { results } = await allPages({ radius_km: 50, limit: 100 });
    expect(results.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(100);
    for (const r of results) expect(r.distance_km as number).toBeLessThanOrEqual(50.05);
  });

  it('combines radius_km with near and the other filters', async () => {
    const expected = rows({ practice: 'yoga' }).filter((r) => greatCircleKm(LISBON, r) <= 400).map((r) => r.id);
    const { results } = await allPages({ near: LISBON, radius_km: 400, practice: 'yoga', limit: 100 });
    expect(results.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(['Lisbon', 'Porto']).toContain(r.city);
      expect(r.practices).toContain('yoga');
    }
  });

  it('sorts by name with distance_km null when no home is saved and no near is given', async () => {
    tg.gateway.services.owner.update({ home: null });
    const { results } = await allPages({ limit: 30 });
    expect(results.map((r) => r.id)).toEqual(rows().map((r) => r.id));
    expect(results.every((r) => r.distance_km === null)).toBe(true);
    const names = results.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await call(agent, 'search_directory', { limit: 1 })).data.measured_from).toBeNull();
  });

  it('refuses radius_km with nothing to measure from', async () => {
    tg.gateway.services.owner.update({ home: null });
    const result = await call(agent, 'search_directory', { radius_km: 10 });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('radius_km');
  });
});

describe('paging', () => {
  it('returns every match exactly once across pages, in distance order', async () => {
    const { results, pages } = await allPages({ limit: 7 });
    expect(pages).toBe(Math.ceil(100 / 7));
    const ids = results.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(rows().map((r) => r.id).sort());
    expectNonDecreasing(results.map((r) => r.distance_km));
  });

  it('pages a filtered search to exactly its matches', async () => {
    const expected = rows({ kind: 'studio' }).map((r) => r.id).sort();
    const { results } = await allPages({ kind: 'studio', limit: 4 });
    expect(results.map((r) => r.id).sort()).toEqual(expected);
    expect(results.every((r) => r.kind === 'studio')).toBe(true);
  });
});

describe('filters', () => {
  it.each<[string, Record<string, unknown>, DirectoryFilter]>([
    ['kind', { kind: 'mentor' }, { kind: 'mentor' }],
    ['practice, case-insensitively', { practice: 'PILATES' }, { practice: 'pilates' }],
    ['city, case-insensitively', { city: 'porto' }, { city: 'Porto' }],
    ['text in the name or summary', { query: 'breathwork' }, { text: 'breathwork' }],
  ])('filters by %s', async (_what, args, filter) => {
    const expected = rows(filter).map((r) => r.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(100);
    const { results } = await allPages({ ...args, limit: 100 });
    expect(results.map((r) => r.id).sort()).toEqual(expected);
  });
});

describe('public data only', () => {
  it("never returns the studio's own locations, mentors, clients or home", async () => {
    const { storage } = tg.gateway.services;
    const text = JSON.stringify((await allPages({ limit: 100 })).results);
    const directoryIds = new Set(rows().map((r) => r.id));
    expect((JSON.parse(text) as Result[]).every((r) => directoryIds.has(r.id))).toBe(true);
    for (const secret of ['Södermalm, Stockholm', 'Hornsgatan', 'loc_stockholm', 'men_maya', 'lotusloft.example', '@mail.example']) expect(text).not.toContain(secret);
    for (const location of storage.locations.all()) expect(text).not.toContain(location.address);
    const lotus = await call(agent, 'search_directory', { query: 'Lotus Loft' });
    expect(lotus.data.results).toEqual([]);
  });
});

describe('bad input', () => {
  it.each([
    ['radius_km', { radius_km: 0.5 }],
    ['radius_km', { radius_km: 20_001 }],
    ['near.lat', { near: { lat: 91, lng: 0 } }],
    ['near.lng', { near: { lat: 0, lng: 200 } }],
    ['kind', { kind: 'retreat' }],
    ['cursor', { cursor: 'not-a-cursor' }],
  ])('refuses a bad %s with a tool error naming it', async (field, args) => {
    const result = await call(agent, 'search_directory', args);
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
  });
});
