import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AgentCallback {
  port: number;
  /** Where the owner's browser is sent back with the code (RFC 8252 §7.3: a loopback redirect on the agent's port). */
  redirectUri: string;
  /** The last redirect to /callback this listener received, with its query (code, state or error). */
  redirected(): URL | undefined;
  close(): void;
}

/** A desktop agent's loopback listener for its OAuth redirect: answers every page with "You can close this tab." */
export async function startAgentCallback(): Promise<AgentCallback> {
  let redirected: URL | undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/callback') redirected = url;
    res.end('You can close this tab.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, redirectUri: `http://127.0.0.1:${port}/callback`, redirected: () => redirected, close: () => void server.close() };
}
