import { PANEL_PAGES } from '../../shared/panel-pages.ts';
import { APP_IDENTITY } from './identity.ts';

/** The pages the panel has; a deep link may open one of them. */
const PAGES: ReadonlySet<string> = new Set(PANEL_PAGES.map((p) => p.path));
const ID = /^[A-Za-z0-9_-]{1,100}$/;

export type DeepLink = { kind: 'page'; page: string } | { kind: 'consent'; requestId: string } | { kind: 'approval'; approvalId: string };

/**
 * Reads a `studio-gateway://` link — from a notification, the OS (macOS `open-url`; Windows and Linux pass it to the
 * running instance as an argument of `second-instance`), or anywhere else: `studio-gateway://consent/<id>`,
 * `studio-gateway://approval/<id>`, `studio-gateway://page/<name>`. Anything else is undefined: a link only ever
 * navigates the panel, it never carries a decision.
 */
export function parseDeepLink(raw: string): DeepLink | undefined {
  const url = URL.parse(raw);
  if (!url || url.protocol !== `${APP_IDENTITY.scheme}:` || url.username || url.password || url.search || url.hash) return undefined;
  const [kind, value, ...rest] = `${url.hostname}${url.pathname}`.split('/').filter(Boolean);
  if (rest.length || !value) return undefined;
  if (kind === 'page' && PAGES.has(value)) return { kind: 'page', page: value };
  if (kind === 'consent' && ID.test(value)) return { kind: 'consent', requestId: value };
  if (kind === 'approval' && ID.test(value)) return { kind: 'approval', approvalId: value };
  return undefined;
}

/** The first deep link among a process's arguments (Windows and Linux start the app, or message it, with the link). */
export function deepLinkInArgs(argv: readonly string[]): DeepLink | undefined {
  for (const arg of argv) {
    const link = arg.startsWith(`${APP_IDENTITY.scheme}://`) ? parseDeepLink(arg) : undefined;
    if (link) return link;
  }
  return undefined;
}

/** The panel's address for a deep link: its hash route (the panel opens the decision's dialog from it). */
export function panelRoute(link: DeepLink): string {
  if (link.kind === 'page') return `#/${link.page}`;
  if (link.kind === 'consent') return `#/consent?request=${link.requestId}`;
  return `#/approvals?call=${link.approvalId}`;
}
