import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toSnakeCase } from '../../src/main/mcp/tools/common.ts';
import { TOOLS } from '../../src/main/mcp/tools/index.ts';
import { createServices } from '../../src/main/services.ts';
import { createStorage } from '../../src/main/storage/index.ts';
import { seedDemoWorkspace } from '../../src/main/studio/demo/index.ts';

/** A tool call the benchmark servers answer: a tool of TOOLS by name, with its arguments. */
export interface BenchCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** The tool a server started with `--tool NAME` serves (default: list_bookings). */
export function toolArgument(fallback = 'list_bookings'): string {
  const at = process.argv.indexOf('--tool');
  return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
}

/** The result of a call on a fresh demo workspace, as an MCP server answers it (text and structured content). */
export async function toolResult(call: BenchCall): Promise<{ content: { type: 'text'; text: string }[]; structuredContent: Record<string, unknown> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-bench-result-'));
  const storage = createStorage(join(dir, 'studio.sqlite'));
  try {
    const services = createServices(storage);
    seedDemoWorkspace(storage, { now: services.now() });
    const tool = TOOLS.find((t) => t.name === call.name);
    if (!tool) throw new Error(`${call.name} is gone`);
    const caller = { clientId: 'bench', clientName: 'bench', grantId: 'bench', canStepUp: false, scopes: [...tool.scopes] };
    const result = toSnakeCase(tool.handler(tool.input.parse(call.arguments), { caller, services })) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result };
  } finally {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
