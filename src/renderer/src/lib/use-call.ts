import { useCallback, useEffect, useRef, useState } from 'react';
import type { ControlFailure } from '../../../shared/control-api.ts';

/** A control call that failed, carrying the gateway's code and message. */
export class CallError extends Error {
  readonly code: string;
  constructor(failure: ControlFailure) {
    super(failure.message);
    this.code = failure.code;
  }
}

export function unwrap<T>(result: { ok: true; result: T } | { ok: false; error: ControlFailure }): T {
  if (!result.ok) throw new CallError(result.error);
  return result.result;
}

/**
 * Runs a control call and keeps its latest result; re-runs every `intervalMs` when given (pending requests
 * and approvals need to appear without a reload), and on `reload()`.
 */
export function useCall<T>(call: () => Promise<{ ok: true; result: T } | { ok: false; error: ControlFailure }>, deps: unknown[], intervalMs?: number) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(call);
  latest.current = call;

  const reload = useCallback(async () => {
    try {
      setData(unwrap(await latest.current()));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  useEffect(() => {
    void reload();
    if (!intervalMs) return undefined;
    const timer = setInterval(() => void reload(), intervalMs);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { data, error, reload };
}
