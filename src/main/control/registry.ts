import type { z } from 'zod';
import type { AuditStatus } from '../../shared/audit-row.ts';
import type { ControlFailure, ControlResult } from '../../shared/control-api.ts';
import { DomainError } from '../errors.ts';
import { CONTROL_CALLS, type ControlCallName, type ControlOutputs } from './calls/index.ts';
import { DEFAULT_BODY_LIMIT, type AuditRule, type ControlCaller, type ControlContext, type ControlDeps } from './calls/define.ts';

export type { ControlCaller, ControlDeps } from './calls/define.ts';

function describeInvalid(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export interface ControlRegistry {
  /** Validates the input with the call's schema, then runs its handler. Never throws for a bad call. */
  call<N extends ControlCallName>(name: N, input: unknown, caller: ControlCaller): Promise<ControlResult<N>>;
  has(name: string): name is ControlCallName;
  /** Every call's name (one IPC channel each). */
  readonly names: readonly ControlCallName[];
  /** The most bytes a call's body may have over HTTP. */
  bodyLimit(name: ControlCallName): number;
}

/** Runs the calls of calls/: validation, the handler, the audit row, and what a failure tells the caller. */
export function createControlRegistry(deps: ControlDeps): ControlRegistry {
  async function call<N extends ControlCallName>(name: N, input: unknown, caller: ControlCaller): Promise<ControlResult<N>> {
    const started = performance.now();
    const definition = CONTROL_CALLS[name];
    const recorded = definition.audit as AuditRule<z.ZodType, ControlOutputs[N]> | false;
    const record = (status: AuditStatus, result: ControlOutputs[N] | undefined, reason?: string) => {
      if (!recorded) return;
      const sent = (typeof input === 'object' && input !== null ? input : {}) as Readonly<Record<string, unknown>>;
      deps.audit.record({
        kind: 'control',
        endpoint: name,
        actor: `owner (${caller.channel})`,
        ...recorded.client?.(sent, result),
        args: input,
        sensitive: recorded.sensitive,
        status,
        reason,
        durationMs: performance.now() - started,
      });
    };
    const parsed = definition.input.safeParse(input ?? {});
    if (!parsed.success) {
      const message = describeInvalid(parsed.error);
      record('refused', undefined, `invalid_input: ${message}`);
      return { ok: false, error: { code: 'invalid_input', message } };
    }
    try {
      const handler = definition.handler as (input: unknown, context: ControlContext) => ControlOutputs[N] | Promise<ControlOutputs[N]>;
      const result = await handler(parsed.data, { ...deps, caller });
      record('ok', result);
      return { ok: true, result };
    } catch (err) {
      if (err instanceof DomainError) {
        record('refused', undefined, err.code);
        return { ok: false, error: err.toResponseObject() satisfies ControlFailure };
      }
      record('error', undefined, 'internal_error');
      deps.log.error(`control call ${name} failed`, err);
      return { ok: false, error: { code: 'internal_error', message: 'The gateway failed to do this; its log has the details.' } };
    }
  }

  const has = (name: string): name is ControlCallName => Object.hasOwn(CONTROL_CALLS, name);
  return {
    call,
    has,
    names: Object.keys(CONTROL_CALLS) as ControlCallName[],
    bodyLimit: (name) => CONTROL_CALLS[name].bodyLimit ?? DEFAULT_BODY_LIMIT,
  };
}
