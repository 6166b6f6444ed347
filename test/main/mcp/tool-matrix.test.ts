import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../../src/main/mcp/tool.ts';
import { TOOLS } from '../../../src/main/mcp/tools/index.ts';
import { isProOnly } from '../../../src/main/studio/tier.ts';
import { scopeInfo } from '../../../src/shared/scopes.ts';
import { defined } from '../../support/defined.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { bearerClient, postMcp, tokenWithScopes, toolCall } from '../../support/mcp-agent.ts';
import { TOOL_EXAMPLES } from '../../support/tool-examples/index.ts';
import { agentWith, call } from '../../support/tools.ts';

// Every tool, through the real MCP SDK client over HTTP: allowed with its scope and doing what it says (each example's
// check, support/tool-examples), refused with insufficient_scope naming the scope without it, "upgrade required" on the
// Free tier where it is Pro+.

const examples = TOOL_EXAMPLES;

let tg: TestGateway;
beforeEach(async () => {
  tg = await startTestGateway();
});
afterEach(async () => {
  await tg.close();
});

/** The scope an agent is told to ask for when the tool is refused: the least powerful one that allows it, listed first. */
function neededScope(tool: ToolDefinition): string {
  return defined(tool.scopes[0], `a scope of ${tool.name}`);
}

/** A scope that does not allow the tool, so the token is valid but lacks what the tool needs. */
function unrelatedScope(scopes: readonly string[]): string {
  return scopes.some((s) => s.endsWith(':public')) ? 'read:profile' : 'read:public';
}

it('has exactly one example for every tool, and none for a tool that does not exist', () => {
  expect(Object.keys(examples).sort()).toEqual(TOOLS.map((t) => t.name).sort());
});

it('gives every tool annotations that match its scopes, and a description naming the scope to request', () => {
  // One row per tool: a mismatch names the tool and the hint that is wrong.
  const hints = (tool: ToolDefinition) => ({ tool: tool.name, readOnlyHint: tool.annotations.readOnlyHint, destructiveHint: tool.annotations.destructiveHint, namesItsScope: tool.description.includes(neededScope(tool)) });
  const expected = (tool: ToolDefinition) => {
    const tiers = tool.scopes.map((s) => scopeInfo(s)?.tier ?? 'read');
    return { tool: tool.name, readOnlyHint: tiers.every((t) => t === 'read'), destructiveHint: tiers.some((t) => t === 'delete'), namesItsScope: true };
  };
  expect(TOOLS.map(hints)).toEqual(TOOLS.map(expected));
});

describe.each(TOOLS.map((tool) => [tool.name, tool] as const))('%s', (_name, tool) => {
  const example = () => defined(examples[tool.name], `an example for ${tool.name}`);

  it('runs with its scope, and does what it says: the result holds what the database holds, or the database changed as asked', async () => {
    const args = example().args(tg.gateway.services);
    const client = await agentWith(tg, [neededScope(tool)]);
    const outcome = await call(client, tool.name, args);
    await client.close();
    expect(outcome.isError, outcome.text).toBe(false);
    example().check({ result: outcome.data, args, services: tg.gateway.services });
  });

  it('is refused without its scope, naming the scope and how the owner widens a snippet, and is not listed', async () => {
    // A setup-snippet token cannot step up: a tool error says what to ask the owner for (OAuth clients get the 403
    // challenge instead: endpoint.test.ts).
    const token = await tokenWithScopes(tg, [unrelatedScope(tool.scopes)]);
    const response = await postMcp(tg.gateway.mcpUrl, toolCall(tool.name, example().args(tg.gateway.services)), { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { isError: boolean; content: { text: string }[] } };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toContain(`Missing scope ${neededScope(tool)}`);
    expect(body.result.content[0]?.text).toContain('Agent setup');
    const client = await bearerClient(tg.gateway.mcpUrl, token);
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain(tool.name);
    await client.close();
  });

  if (!isProOnly(tool.scopes)) return;
  it('answers "upgrade required" on the Free tier, even with its scope', async () => {
    const args = example().args(tg.gateway.services);
    tg.gateway.services.tier.set('free');
    const client = await bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, [...tool.scopes]));
    const result = await client.callTool({ name: tool.name, arguments: args });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('Upgrade required');
    await client.close();
  });
});
