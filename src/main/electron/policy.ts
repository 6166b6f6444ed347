/**
 * The desktop shell's security policy as data, kept free of electron imports so tests can check it (Electron
 * security checklist: §7 CSP, §13 navigation, §14 new windows, §15 openExternal).
 */
import { PANEL_CSP } from '../http/respond.ts';

/** https links the panel may open in the system browser; everything else is refused. */
const EXTERNAL_ALLOW_LIST = new Set(['modelcontextprotocol.io', 'code.visualstudio.com', 'docs.cursor.com', 'docs.anthropic.com']);

/** The desktop window's CSP is the panel's, wherever the panel is served. */
export const RENDERER_CSP = PANEL_CSP;

/** A documentation link the panel may open: https, on an allow-listed host, nothing else (CVE-2025-6514 was a crafted URL handed to open). */
export function isAllowedExternal(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed?.protocol === 'https:' && !parsed.username && !parsed.password && EXTERNAL_ALLOW_LIST.has(parsed.hostname);
}

/** Web preferences of every window (checklist §2 no Node, §3 context isolation, §4 sandbox, §5 web security). */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;
