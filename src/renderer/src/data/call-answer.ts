import type { ControlFailure } from '../../../shared/control-api.ts';

/** What every control call answers: its result, or the gateway's refusal. */
export type CallAnswer<T> = { ok: true; result: T } | { ok: false; error: ControlFailure };

/** A control call that failed, carrying the gateway's code and message (the message is what the panel shows). */
export class CallError extends Error {
  readonly code: string;
  constructor(failure: ControlFailure) {
    super(failure.message);
    this.code = failure.code;
  }
}

/** The result of a call on its way, or its refusal thrown as a CallError: what queries and mutations run. */
export async function resultOf<T>(pending: Promise<CallAnswer<T>>): Promise<T> {
  const answer = await pending;
  if (!answer.ok) throw new CallError(answer.error);
  return answer.result;
}
