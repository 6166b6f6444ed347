import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { TestGateway } from './gateway.ts';
import { bearerClient, tokenWithScopes } from './mcp-agent.ts';

export interface ToolOutcome {
  isError: boolean;
  /** structuredContent on success. */
  data: Record<string, unknown>;
  /** The text content (the error message on failure). */
  text: string;
}

/** Calls a tool and flattens the result for assertions. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolOutcome> {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
  return { isError: result.isError === true, data: (result.structuredContent ?? {}) as Record<string, unknown>, text };
}

/** An agent holding exactly these scopes. */
export async function agentWith(tg: TestGateway, scopes: string[]): Promise<Client> {
  return bearerClient(tg.gateway.mcpUrl, await tokenWithScopes(tg, scopes));
}

/** The whole workspace as exported, minus the export time: equal snapshots mean nothing changed. */
export async function snapshot(tg: TestGateway): Promise<unknown> {
  const { json } = await tg.owner.ok('workspace.export');
  return { ...(JSON.parse(json) as Record<string, unknown>), exportedAt: null };
}
