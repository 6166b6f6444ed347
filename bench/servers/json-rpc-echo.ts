import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toolArgument, toolResult } from './tool-result.ts';

// Node's own limit for this exchange: a bare node:http server that reads the POSTed body, parses it as JSON-RPC and
// answers its id with a fixed result — the very bytes the gateway answers the tool of `--tool NAME` with (no arguments)
// on the demo workspace, computed once at start, so the two differ only in the work done per request. Prints one JSON
// line {url}.

const result = JSON.stringify(await toolResult({ name: toolArgument(), arguments: {} })).slice(1, -1);
const http = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const message = JSON.parse(Buffer.concat(chunks).toString()) as { id?: unknown };
    const body = `{"jsonrpc":"2.0","id":${JSON.stringify(message.id ?? null)},"result":{${result}}}`;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
http.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp` })}\n`));
process.on('SIGTERM', () => {
  http.close();
  process.exit(0);
});
