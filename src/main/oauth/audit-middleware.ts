import type Provider from 'oidc-provider';
import type { AuditLog } from '../audit/audit-log.ts';

/** oidc-provider route names → what the audit log calls them. Discovery, JWKS and CORS are not recorded. */
const ENDPOINTS: Record<string, string> = {
  authorization: 'authorize',
  resume: 'authorize',
  token: 'token',
  registration: 'register',
  revocation: 'revoke',
  userinfo: 'userinfo',
};

/**
 * Records every OAuth request (register, authorize, token issue/refresh/failure, revoke, userinfo) after
 * oidc-provider has handled it and before Koa writes the response. Arguments are the route's parameters (the
 * registration body for register); tokens, codes and verifiers in them are redacted by the audit log.
 */
export function auditOAuthRequests(provider: Provider, audit: AuditLog): void {
  provider.use(async (ctx, next) => {
    const started = performance.now();
    await next();
    const endpoint = ctx.oidc?.route ? ENDPOINTS[ctx.oidc.route] : undefined;
    if (!endpoint) return;
    const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
    const redirect = ctx.status >= 300 && ctx.status < 400 ? URL.parse(ctx.response.get('location'), 'http://x') : null;
    const error = ctx.status >= 400 ? String(body.error ?? `http_${ctx.status}`) : (redirect?.searchParams.get('error') ?? null);
    const description = ctx.status >= 400 ? body.error_description : redirect?.searchParams.get('error_description');
    const params = (endpoint === 'register' ? ctx.oidc.body : ctx.oidc.params) as Record<string, unknown> | undefined;
    const entities = ctx.oidc.entities as { Grant?: { jti?: string }; AccessToken?: { grantId?: string }; RefreshToken?: { grantId?: string } };
    audit.record({
      kind: 'oauth',
      endpoint,
      clientId: ctx.oidc.client?.clientId ?? (typeof params?.client_id === 'string' ? params.client_id : null),
      clientName: ctx.oidc.client?.clientName ?? null,
      grantId: entities.Grant?.jti ?? entities.AccessToken?.grantId ?? entities.RefreshToken?.grantId ?? null,
      args: params,
      status: ctx.status >= 500 ? 'error' : error ? 'refused' : 'ok',
      reason: error ? `${error}${typeof description === 'string' && description ? `: ${description}` : ''}` : null,
      httpStatus: ctx.status,
      durationMs: performance.now() - started,
    });
  });
}
