import { benchDataDir } from './data-dir.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { toSnakeCase } from '../../src/main/mcp/tools/common.ts';
import { TOOLS } from '../../src/main/mcp/tools/index.ts';
import { createServices } from '../../src/main/services.ts';
import { createStorage } from '../../src/main/storage/index.ts';
import { seedDemoWorkspace } from '../../src/main/studio/demo/index.ts';
import { toolArgument } from './tool-result.ts';

// The baseline: the same read tool (`--tool NAME`, default list_bookings) on the same demo workspace, served by a
// bare MCP SDK server over Streamable
// HTTP as the SDK documents it for stateless servers (a server and transport per request, JSON responses), with
// no authentication, no scope check and no audit. Prints one JSON line {url} and serves until killed.

const storage = createStorage(join(benchDataDir('sg-bench-bare-'), 'studio.sqlite'));
const services = createServices(storage);
seedDemoWorkspace(storage, { now: services.now() });
const found = TOOLS.find((t) => t.name === toolArgument());
if (!found) throw new Error(`${toolArgument()} is gone`);
const tool = found;
const caller = { clientId: 'bench', clientName: 'bench', grantId: 'bench', canStepUp: false, scopes: [...tool.scopes] };

function mcpServer(): Server {
  const server = new Server({ name: 'bare-sdk', version: '1.0.0' }, { capabilities: { tools: {} } });
  const described = { name: tool.name, description: tool.description, inputSchema: z.toJSONSchema(tool.input, { io: 'input' }) as { type: 'object' } };
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [described] }));
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const args = tool.input.parse(request.params.arguments ?? {});
    const result = toSnakeCase(tool.handler(args, { caller, services })) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(result, null, 2) }], structuredContent: result };
  });
  return server;
}

const http = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
    void (async () => {
      const server = mcpServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined);
    })();
  });
});
http.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp` })}\n`));
process.on('SIGTERM', () => {
  http.close();
  storage.close();
  process.exit(0);
});
