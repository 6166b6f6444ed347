import type { IncomingMessage } from 'node:http';

/**
 * Lets `offline_access` through whatever `prompt` the client sent. OpenID Connect Core §11 has the server ignore
 * `offline_access` unless `prompt=consent` is present, "unless other conditions for processing the request permitting
 * offline access to the requested resources are in place" — and here they always are: every authorization waits for
 * the owner's explicit decision in the panel, where `offline_access` is shown as the permission to stay connected.
 * oidc-provider applies the rule strictly (it drops the scope without `prompt=consent`), so generic OAuth clients
 * that do not send it (openid-client's defaults, many agents) got no refresh token and the owner had to approve them
 * again every hour. This adds `consent` to the request's `prompt` before oidc-provider reads it. `prompt=none` is
 * left alone: it asks for no interaction at all, and must stay alone (OIDC Core §3.1.2.1).
 */
export function honourOfflineAccess(req: IncomingMessage): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const scope = url.searchParams.getAll('scope');
  if (scope.length !== 1 || !(scope[0] ?? '').split(' ').includes('offline_access')) return;
  const prompts = url.searchParams.getAll('prompt');
  if (prompts.length > 1) return; // oidc-provider refuses repeated parameters itself
  const prompt = (prompts[0] ?? '').split(' ').filter(Boolean);
  if (prompt.includes('none') || prompt.includes('consent')) return;
  url.searchParams.set('prompt', [...prompt, 'consent'].join(' '));
  req.url = `${url.pathname}${url.search}`;
}
