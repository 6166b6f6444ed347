import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage } from '../../../src/main/storage/index.ts';
import { seedDemoWorkspace } from '../../../src/main/studio/demo/index.ts';
import { exportWorkspace } from '../../../src/main/studio/workspace-file.ts';
import { workspaceFileSchema } from '../../../src/main/studio/workspace-schema.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, tokenWithScopes } from '../../support/mcp-agent.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

const withoutTime = (json: string) => ({ ...(JSON.parse(json) as Record<string, unknown>), exportedAt: null });

async function exported(): Promise<string> {
  return (await tg.owner.ok('workspace.export')).json;
}

describe('the demo workspace', () => {
  it('has the studio docs/product.md#workspace describes, across two time zones', async () => {
    const { counts } = await tg.owner.ok('workspace.export');
    expect(counts).toMatchObject({ locations: 2, mentors: 3, classes: 15, clients: 60, threads: 10, directory: 100 });
    expect(counts.bookings).toBeGreaterThanOrEqual(180);
    expect(counts.bookings).toBeLessThanOrEqual(260);
    expect(counts.reviews).toBeGreaterThanOrEqual(20);
    expect(counts.expenses).toBeGreaterThan(10);
    const classes = tg.gateway.services.storage.classes.all();
    expect(new Set(classes.map((c) => c.timezone))).toEqual(new Set(['Europe/Stockholm', 'Europe/Lisbon']));
    expect(classes.every((c) => c.recurrence)).toBe(true);
    expect(classes.some((c) => c.mode === 'online' && c.videoProvider === 'zoom')).toBe(true);
    expect(classes.some((c) => c.mode === 'online' && c.videoProvider === 'google_meet')).toBe(true);
  });

  it('is deterministic: the same seed on the same day gives the same workspace', () => {
    const now = Math.floor(Date.now() / 1000);
    const [a, b] = [createStorage(':memory:'), createStorage(':memory:')];
    seedDemoWorkspace(a, { now });
    seedDemoWorkspace(b, { now: now + 60 });
    expect({ ...exportWorkspace(a, now), exportedAt: null }).toEqual({ ...exportWorkspace(b, now), exportedAt: null });
    a.close();
    b.close();
  });

  it('is a valid workspace file by the import rules', async () => {
    expect(workspaceFileSchema.safeParse(JSON.parse(await exported())).success).toBe(true);
  });
});

describe('workspace export and import', () => {
  it('round-trips: wipe, import the export, and every record is back', async () => {
    const before = await exported();
    const wiped = await tg.owner.ok('workspace.wipe', { confirm: 'wipe' });
    expect(wiped.removed.bookings).toBeGreaterThan(0);
    expect((await tg.owner.ok('workspace.export')).counts.bookings).toBe(0);
    await tg.owner.ok('workspace.import', { json: before });
    expect(withoutTime(await exported())).toEqual(withoutTime(before));
  });

  it('refuses a file that is not JSON, with the line and column, and changes nothing', async () => {
    const before = await exported();
    const result = await tg.owner.call('workspace.import', { json: '{\n  "format": "studio-gateway-workspace",\n  "version": 1,\n  oops\n}' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_workspace' } });
    expect(!result.ok && result.error.message).toMatch(/line 4, column 3/);
    expect(withoutTime(await exported())).toEqual(withoutTime(before));
  });

  it('refuses an invalid field, naming the record and field, and changes nothing', async () => {
    const before = await exported();
    const file = JSON.parse(before) as { classes: { capacity: number; timezone: string }[] };
    file.classes[3] = { ...file.classes[3], capacity: 0 } as (typeof file.classes)[number];
    (file.classes[5] as { timezone: string }).timezone = 'Mars/Olympus';
    const result = await tg.owner.call('workspace.import', { json: JSON.stringify(file) });
    expect(!result.ok && result.error.message).toContain('classes[3].capacity');
    expect(!result.ok && result.error.message).toContain('classes[5].timezone');
    expect(withoutTime(await exported())).toEqual(withoutTime(before));
  });

  it('refuses a broken reference at the record that holds it, and changes nothing', async () => {
    const before = await exported();
    const file = JSON.parse(before) as { bookings: { sessionId: string }[] };
    (file.bookings[7] as { sessionId: string }).sessionId = 'ses_nowhere';
    const result = await tg.owner.call('workspace.import', { json: JSON.stringify(file) });
    expect(!result.ok && result.error.message).toMatch(/bookings\[7\]: FOREIGN KEY constraint failed/);
    expect(withoutTime(await exported())).toEqual(withoutTime(before));
  });

  it('refuses a file of another format or version', async () => {
    const file = JSON.parse(await exported()) as Record<string, unknown>;
    const result = await tg.owner.call('workspace.import', { json: JSON.stringify({ ...file, version: 2 }) });
    expect(!result.ok && result.error.message).toContain('version');
  });
});

describe('wipe', () => {
  it('asks for a typed confirmation', async () => {
    const result = await tg.owner.call('workspace.wipe', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await tg.owner.ok('workspace.export')).counts.classes).toBe(15);
  });

  it('empties the workspace for agents too, keeps connected apps, and is not undone by the demo on restart', async () => {
    const token = await tokenWithScopes(tg, ['read:classes']);
    await tg.owner.ok('workspace.wipe', { confirm: 'wipe' });
    const client = await bearerClient(tg.gateway.mcpUrl, token);
    const result = await client.callTool({ name: 'list_classes', arguments: {} });
    expect(result.structuredContent).toMatchObject({ classes: [], next_cursor: null });
    await client.close();

    const dataDir = tg.dataDir;
    await tg.gateway.close();
    tg = await startTestGateway({ dataDir, demo: true });
    expect((await tg.owner.ok('workspace.export')).counts.classes).toBe(0);
  });
});
