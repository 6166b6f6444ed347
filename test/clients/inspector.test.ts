import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle } from '../../src/shared/scopes.ts';
import { snippetFor } from '../../src/shared/snippets.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { installedBin, privateHome, run, toolsFor } from './support.ts';

/**
 * The MCP Inspector's CLI mode (`mcp-inspector --cli <url> --transport http --method … --header …`) against the
 * running gateway, with the URL and header of the generic setup snippet. Its HOME is a fresh folder (it keeps a
 * catalog and OAuth state under ~/.mcp-inspector).
 */

const BIN = installedBin('@modelcontextprotocol/inspector', 'mcp-inspector');

let tg: TestGateway;
let home: ReturnType<typeof privateHome>;
beforeEach(async () => {
  tg = await startTestGateway();
  home = privateHome('sg-inspector-');
});
afterEach(async () => {
  await tg.close();
  home.remove();
});

/** The generic snippet's server entry: its URL, its headers, and a transport field that names Streamable HTTP. */
interface GenericSnippet {
  url: string;
  type?: string;
  transport?: string;
  headers?: Record<string, string>;
}

/** `--cli <url> --transport http [--header 'Name: value' …] <rest>` from the generic snippet, output as JSON. */
async function inspector(snippet: GenericSnippet, rest: string[]) {
  expect(snippet.type ?? snippet.transport).toMatch(/^(http|streamable-http)$/);
  const headers = Object.entries(snippet.headers ?? {}).flatMap(([name, value]) => ['--header', `${name}: ${value}`]);
  const result = await run(BIN as string, ['--cli', snippet.url, '--transport', 'http', ...rest, '--format', 'json', ...headers], { env: { HOME: home.dir } });
  const parsed = (text: string) => (text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {});
  return { ...result, json: parsed(result.stdout), error: parsed(result.stderr.trim().split('\n').at(-1) ?? '') };
}

function snippet(token: string | null): GenericSnippet {
  return JSON.parse(snippetFor('generic', tg.gateway.mcpUrl, 'studio-gateway', token).text) as GenericSnippet;
}

describe.skipIf(!BIN)('the MCP Inspector CLI with a setup-snippet header', () => {
  it('tools/list shows exactly the bundle’s tools, with their schemas and annotations', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'personal-assistant', clientName: 'Inspector', expiresInDays: 1 });
    const out = await inspector(snippet(minted.token), ['--method', 'tools/list']);
    expect(out.code, out.stderr).toBe(0);
    const tools = (out.json.result as { tools: { name: string; inputSchema: { type: string }; annotations?: { readOnlyHint?: boolean } }[] }).tools;
    expect(tools.map((tool) => tool.name)).toEqual(toolsFor(bundle('personal-assistant').scopes));
    expect(tools.every((tool) => tool.inputSchema.type === 'object')).toBe(true);
    expect(tools.find((tool) => tool.name === 'get_profile')?.annotations?.readOnlyHint).toBe(true);
  });

  it('tools/call runs a tool of the bundle and prints its result', async () => {
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Inspector', expiresInDays: 1 });
    const out = await inspector(snippet(minted.token), ['--method', 'tools/call', '--tool-name', 'list_clients', '--tool-arg', 'limit=2']);
    expect(out.code, out.stderr).toBe(0);
    const result = out.json.result as { isError?: boolean; structuredContent: { clients: unknown[] } };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.clients).toHaveLength(2);
    const [app] = await tg.owner.ok('apps.list');
    expect(app?.lastUsedAt).not.toBeNull();
  });

  it('without the header, non-interactive (--stored-auth-only), it reports the gateway’s 401 as auth_required and nothing reaches the owner', async () => {
    const out = await inspector(snippet(null), ['--method', 'tools/list', '--stored-auth-only']);
    expect(out.code).not.toBe(0);
    expect(out.error).toMatchObject({ error: { code: 'auth_required' } });
    expect(await tg.owner.ok('consent.list')).toEqual([]);
    const stored = join(home.dir, '.mcp-inspector');
    expect(existsSync(stored) ? readdirSync(stored, { recursive: true, encoding: 'utf8' }).filter((f) => /oauth|token/i.test(f)) : []).toEqual([]);
  });
});
