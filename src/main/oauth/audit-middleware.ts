import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { AuditEntry, AuditLog } from '../audit/audit-log.ts';
import type { GroupCommit } from '../storage/group-commit.ts';
import { withRequestWrites } from './adapter.ts';
import { CONSENT_TIMED_OUT } from './consent.ts';

/** A request as the middleware oidc-provider runs before its own sees it (Koa's context; `oidc` once routed). */
type Context = Parameters<Parameters<Provider['use']>[0]>[0];

/** oidc-provider route names → what the audit log calls them. Discovery, JWKS and CORS are not recorded. */
const ENDPOINTS: Record<string, string> = {
  authorization: 'authorize',
  resume: 'authorize',
  token: 'token',
  registration: 'register',
  revocation: 'revoke',
  userinfo: 'userinfo',
};

/** The audit row of a request oidc-provider has answered (in ctx), or undefined for a route that is not recorded. */
function entryFor(ctx: Context, started: number): AuditEntry | undefined {
  const endpoint = ctx.oidc?.route ? ENDPOINTS[ctx.oidc.route] : undefined;
  if (!endpoint) return undefined;
  const body = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
  const redirect = ctx.status >= 300 && ctx.status < 400 ? URL.parse(ctx.response.get('location'), 'http://x') : null;
  const error = ctx.status >= 400 ? String(body.error ?? `http_${ctx.status}`) : (redirect?.searchParams.get('error') ?? null);
  const description = ctx.status >= 400 ? body.error_description : redirect?.searchParams.get('error_description');
  // The gateway's own redirect says why the owner's answer is no (consent.ts): the log keeps which it was.
  const code = error === 'access_denied' && description === CONSENT_TIMED_OUT.description ? CONSENT_TIMED_OUT.code : error;
  const params = (endpoint === 'register' ? ctx.oidc.body : ctx.oidc.params) as Record<string, unknown> | undefined;
  const entities = ctx.oidc.entities as { Grant?: { jti?: string }; AccessToken?: { grantId?: string }; RefreshToken?: { grantId?: string } };
  return {
    kind: 'oauth',
    endpoint,
    clientId: ctx.oidc.client?.clientId ?? (typeof params?.client_id === 'string' ? params.client_id : null),
    clientName: ctx.oidc.client?.clientName ?? null,
    grantId: entities.Grant?.jti ?? entities.AccessToken?.grantId ?? entities.RefreshToken?.grantId ?? null,
    args: params,
    status: ctx.status >= 500 ? 'error' : error ? 'refused' : 'ok',
    reason: code ? `${code}${typeof description === 'string' && description ? `: ${description}` : ''}` : null,
    httpStatus: ctx.status,
    durationMs: performance.now() - started,
  };
}

/**
 * The answer when the request's writes could not be committed (the disk failed, or — only if something bypassed the
 * rotation check — the refresh token was used meanwhile): nothing it issued is handed out.
 */
function failed(ctx: Context, err: unknown): void {
  const known = err instanceof errors.InvalidGrant;
  ctx.status = known ? err.statusCode : 500;
  ctx.body = known
    ? { error: err.error, error_description: err.error_description }
    : { error: 'server_error', error_description: 'the request could not be stored, so nothing was issued; try again' };
}

/**
 * Records every OAuth request (register, authorize, token issue/refresh/failure, revoke, userinfo) after
 * oidc-provider has handled it and before Koa writes the response. Arguments are the route's parameters (the
 * registration body for register); tokens, codes and verifiers in them are redacted by the audit log.
 *
 * The codes and tokens the request issued are written in the same transaction as its row (adapter.ts
 * withRequestWrites), committed with the other requests' in one group commit, and the answer leaves only once that
 * commit is done: a token a client holds is always stored, and its request always on the record.
 */
export function auditOAuthRequests(provider: Provider, audit: AuditLog, group: GroupCommit): void {
  provider.use(async (ctx, next) => {
    const started = performance.now();
    const { writes, settled } = await withRequestWrites(next);
    try {
      const entry = entryFor(ctx, started);
      if (writes.length === 0 && !entry) return;
      try {
        await group.submit(() => {
          for (const write of writes) write();
          if (entry) audit.record(entry);
        });
      } catch (err) {
        failed(ctx, err);
        const refused = entryFor(ctx, started);
        if (refused) audit.record(refused);
      }
    } finally {
      for (const settle of settled) settle();
    }
  });
}
