import { DomainError, type ErrorCode } from '../errors.ts';
import type { ProviderName } from '../storage/provider-connections-repo.ts';

export const PROVIDER_LABELS: Record<ProviderName, string> = { google: 'Google', apple: 'Apple Calendar', zoom: 'Zoom' };

/**
 * A provider refused or could not be reached. Messages are safe to show and to record: they never carry a
 * token, a password or a response body that could hold one. `retryable` tells the job runner whether to back
 * off and try again (network, 429, 5xx) or to stop and show the owner (anything the same request would meet again).
 */
export class ProviderError extends DomainError {
  readonly provider: ProviderName;
  readonly retryable: boolean;
  readonly status: number | undefined;
  constructor(provider: ProviderName, code: ErrorCode, message: string, options: { retryable: boolean; status?: number }) {
    super(code, message);
    this.name = 'ProviderError';
    this.provider = provider;
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

/** The provider is not connected (never was, disconnected, or refused the saved access). */
export class NotConnectedError extends ProviderError {
  constructor(provider: ProviderName, reason?: string) {
    super(provider, 'provider_not_connected', reason ?? `${PROVIDER_LABELS[provider]} is not connected. Connect it on the Connections page.`, { retryable: false });
    this.name = 'NotConnectedError';
  }
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A network failure (refused, reset, timed out): worth another try later. */
export function unreachable(provider: ProviderName, err: unknown): ProviderError {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : message(err);
  return new ProviderError(provider, 'provider_unreachable', `Could not reach ${PROVIDER_LABELS[provider]} (${cause}). It will be tried again.`, { retryable: true });
}

/** An HTTP answer that is no success: 429 and 5xx are worth retrying, other refusals are not. */
export function httpFailure(provider: ProviderName, status: number, detail: string | undefined): ProviderError {
  const retryable = status === 429 || status >= 500;
  const what = status === 429 ? 'is rate limiting requests' : status >= 500 ? `had a server error (${status})` : `refused the request (${status})`;
  return new ProviderError(provider, retryable ? 'provider_unavailable' : 'provider_refused', `${PROVIDER_LABELS[provider]} ${what}${detail ? `: ${detail.slice(0, 300)}` : ''}.`, {
    retryable,
    status,
  });
}
