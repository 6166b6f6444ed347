/**
 * What the panel window may ask the browser for: writing to the clipboard (its Copy buttons, for snippets and
 * tokens), from the panel's own pages only — nothing else, from nowhere else (Electron security checklist §6
 * "Handle session permission requests from remote content"). `clipboard-sanitized-write` is the permission
 * `navigator.clipboard.writeText` asks for in Electron; reading the clipboard stays denied.
 */
const ALLOWED = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, isPanelUrl: (url: string) => boolean): boolean {
  return ALLOWED.has(permission) && isPanelUrl(requestingUrl);
}
