import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { PANEL_CSP, redirect, sendHtml } from '../http/respond.ts';
import { page } from '../oauth/pages.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The headless control panel: the same React build the desktop app loads, served at /panel/. The page holds no
 * data: it signs in with the key in its link's fragment and signs every call (owner-sessions.ts), so it is served
 * to anyone. Static files only, from one folder, with no way out of it.
 */
export function createPanelStatic(options: { dir: string }) {
  const root = normalize(options.dir).replace(/[/\\]+$/, '');
  // Only the built assets are served by path (and index.html at /panel/): nothing else in the folder, nothing above it.
  const assets = join(root, 'assets') + sep;

  async function serveFile(res: ServerResponse, relative: string, headers: Record<string, string> = {}): Promise<boolean> {
    const file = normalize(join(root, relative));
    if (!file.startsWith(assets) && relative !== 'index.html') return false;
    const type = TYPES[extname(file)];
    if (!type) return false;
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
      res.end(body);
      return true;
    } catch {
      return false;
    }
  }

  return async function handlePanel(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/panel') return redirect(res, '/panel/');
    if (path.startsWith('/panel/assets/')) {
      let relative: string;
      try {
        relative = decodeURIComponent(path.slice('/panel/'.length));
      } catch {
        sendHtml(res, 400, page('Bad request', '<h1>Bad request</h1><p>The address is not valid percent-encoding.</p>'));
        return;
      }
      if (await serveFile(res, relative)) return;
    }
    if (path !== '/panel/') {
      sendHtml(res, 404, page('Not found', '<h1>Not found</h1>'));
      return;
    }
    // COOP: a page that opened the panel (or that the panel opens) gets no handle on its window.
    if (!(await serveFile(res, 'index.html', { 'Content-Security-Policy': PANEL_CSP, 'Cross-Origin-Opener-Policy': 'same-origin' }))) {
      sendHtml(res, 503, page('Not built', '<h1>The control panel is not built</h1><p>Run <code>npm run build</code> (or start with <code>./run app</code>), then reload.</p>'));
    }
  };
}
