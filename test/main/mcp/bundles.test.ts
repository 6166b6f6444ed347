import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';
import { BUNDLES, type BundleId } from '../../../src/shared/scopes.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient } from '../../support/mcp-agent.ts';

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

/** docs/product.md#scopes restated: a tool is allowed by any of its scopes; write implies read, delete implies write. */
function expectedTools(scopes: readonly string[]): string[] {
  const held = new Set(scopes);
  for (const scope of scopes) {
    const [tier, resource] = scope.split(':');
    if (tier === 'write' || tier === 'delete') held.add(`read:${resource}`);
    if (tier === 'delete') held.add(`write:${resource}`);
  }
  return TOOLS.filter((tool) => tool.scopes.some((s) => held.has(s))).map((tool) => tool.name);
}

async function listedFor(bundle: BundleId): Promise<string[]> {
  const minted = await tg.owner.ok('tokens.mint', { bundle, clientName: bundle, expiresInDays: 1 });
  const client = await bearerClient(tg.gateway.mcpUrl, minted.token);
  const names = (await client.listTools()).tools.map((t) => t.name);
  await client.close();
  return names;
}

describe.each(BUNDLES.map((b) => [b.id, b] as const))('the %s bundle', (id, bundle) => {
  it('lists exactly the tools its scopes allow, and never a destructive one', async () => {
    const listed = await listedFor(id);
    expect(listed).toEqual(expectedTools(bundle.scopes));
    const destructive = TOOLS.filter((t) => t.annotations.destructiveHint).map((t) => t.name);
    expect(listed.filter((name) => destructive.includes(name))).toEqual([]);
  });
});

describe('what each bundle means (docs/product.md#bundles)', () => {
  it('Read-only changes nothing', async () => {
    const listed = await listedFor('read-only');
    expect(listed).toEqual(expect.arrayContaining(['get_profile', 'list_classes', 'list_bookings', 'list_clients']));
    expect(TOOLS.filter((t) => listed.includes(t.name)).every((t) => t.annotations.readOnlyHint)).toBe(true);
  });

  it('Personal assistant manages bookings, classes and messages, but not client notes', async () => {
    const listed = await listedFor('personal-assistant');
    expect(listed).toEqual(expect.arrayContaining(['create_booking', 'cancel_booking', 'create_class', 'reschedule_class', 'send_message']));
    expect(listed).not.toContain('update_client_notes');
  });

  it('Full control reads financials but cannot write them', async () => {
    const listed = await listedFor('full-control');
    expect(listed).toEqual(expect.arrayContaining(['get_financial_summary', 'update_client_notes', 'update_studio_profile', 'search_directory']));
    expect(listed).not.toContain('create_expense');
  });

  it('Default leaves money out entirely', async () => {
    const listed = await listedFor('default');
    expect(listed.some((name) => ['get_financial_summary', 'list_expenses', 'create_expense'].includes(name))).toBe(false);
    expect(listed).toEqual(expect.arrayContaining(['create_booking', 'respond_to_review', 'update_mentor_profile']));
  });
});
