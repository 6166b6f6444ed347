import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopeToRequest } from '../../../src/main/mcp/scope-guard.ts';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';
import { isProOnly } from '../../../src/main/studio/tier.ts';
import { scopeInfo } from '../../../src/shared/scopes.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, postMcp, tokenWithScopes, toolCall } from '../../support/mcp-agent.ts';
import { TOOL_EXAMPLES } from '../../support/tool-examples/index.ts';

// Every tool, through the real MCP SDK client over HTTP: allowed with its scope, refused with
// insufficient_scope naming the scope without it, "upgrade required" on the Free tier where it is Pro+.

const examples = TOOL_EXAMPLES;

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

/** A scope that does not allow the tool, so the token is valid but lacks what the tool needs. */
function unrelatedScope(scopes: readonly string[]): string {
  return scopes.some((s) => s.endsWith(':public')) ? 'read:profile' : 'read:public';
}

it('has an example for every tool', () => {
  expect(TOOLS.map((t) => t.name).filter((name) => !examples[name])).toEqual([]);
});

describe.each(TOOLS.map((tool) => [tool.name, tool] as const))('%s', (_name, tool) => {
  it('runs with its scope', async () => {
    const args = examples[tool.name]?.(tg.gateway.services) ?? {};
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, [scopeToRequest(tool)]));
    const result = await client.callTool({ name: tool.name, arguments: args });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(result.structuredContent).toBeTypeOf('object');
    await client.close();
  });

  it('is refused without its scope, naming the scope and how the owner widens a snippet, and is not listed', async () => {
    // A setup-snippet token cannot step up: a tool error says what to ask the owner for (OAuth clients get the 403
    // challenge instead: endpoint.test.ts).
    const token = await tokenWithScopes(tg, [unrelatedScope(tool.scopes)]);
    const response = await postMcp(tg.gateway.mcpUrl, toolCall(tool.name, examples[tool.name]?.(tg.gateway.services) ?? {}), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { isError: boolean; content: { text: string }[] } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toContain(`Missing scope ${scopeToRequest(tool)}`);
    expect(body.result.content[0]?.text).toContain('Agent setup');
    const client = await bearerClient(tg.gateway.mcpUrl, token);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain(tool.name);
    await client.close();
  });

  it('has annotations that match its scopes', () => {
    const tiers = tool.scopes.map((s) => scopeInfo(s)?.tier ?? 'read');
    expect(tool.annotations.readOnlyHint).toBe(tiers.every((t) => t === 'read'));
    expect(tool.annotations.destructiveHint).toBe(tiers.some((t) => t === 'delete'));
    expect(tool.description).toContain(scopeToRequest(tool));
  });

  if (!isProOnly(tool.scopes)) return;
  it('answers "upgrade required" on the Free tier, even with its scope', async () => {
    const args = examples[tool.name]?.(tg.gateway.services) ?? {};
    tg.gateway.services.tier.set('free');
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, [...tool.scopes]));
    const result = await client.callTool({ name: tool.name, arguments: args });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Upgrade required');
    await client.close();
  });
});
