import { httpFailure, NotConnectedError, PROVIDER_LABELS, unreachable } from '../provider-error.ts';
import type { OAuthProvider } from './oauth-app.ts';
import type { TokenSource } from './token-source.ts';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface ApiRequest {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Statuses the caller handles itself (e.g. 404 and 410 on a delete) instead of an error. */
  accept?: readonly number[];
}

const REQUEST_TIMEOUT_MS = 15_000;

/** The provider's own words on a refusal (Google: error.message; Zoom: message), never the whole body. */
function detailOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as { message?: unknown; error?: { message?: unknown } };
  const text = typeof record.error?.message === 'string' ? record.error.message : typeof record.message === 'string' ? record.message : undefined;
  return text?.replace(/\s+/g, ' ');
}

/**
 * JSON calls to a provider API with the owner's bearer token (RFC 6750 §2.1). A 401 gets one refresh and one
 * more try; a second 401 means the access is gone, and the connection says so.
 */
export function createApiClient(deps: { provider: OAuthProvider; tokens: TokenSource; apiBase: () => Promise<string>; onRevoked: (reason: string) => void }) {
  const { provider } = deps;

  async function send(method: string, url: string, token: string, body: unknown): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw unreachable(provider, err);
    }
  }

  return async function request<T = unknown>(method: string, path: string, options: ApiRequest = {}): Promise<ApiResponse<T>> {
    const url = new URL(`${(await deps.apiBase()).replace(/\/$/, '')}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    let response = await send(method, url.href, await deps.tokens.accessToken(), options.body);
    if (response.status === 401) {
      await response.body?.cancel();
      response = await send(method, url.href, await deps.tokens.refreshed(), options.body);
      if (response.status === 401) {
        await response.body?.cancel();
        const reason = `${PROVIDER_LABELS[provider]} no longer accepts the saved access (it was revoked). Reconnect ${PROVIDER_LABELS[provider]}.`;
        deps.onRevoked(reason);
        throw new NotConnectedError(provider, reason);
      }
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: the status alone tells what happened
    }
    if (response.ok || options.accept?.includes(response.status)) return { status: response.status, body: body as T };
    throw httpFailure(provider, response.status, detailOf(body));
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
