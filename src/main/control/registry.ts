import type { z } from 'zod';
import {
  controlInputs,
  type ControlCallName,
  type ControlFailure,
  type ControlInput,
  type ControlOutputs,
  type ControlResult,
  type GatewayStatus,
} from '../../shared/control-api.ts';
import { DomainError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Consent } from '../oauth/consent.ts';
import type { ConnectedClients } from '../oauth/connected-clients.ts';
import type { SetupTokens } from '../oauth/setup-tokens.ts';

/** Who made a control call: it is written down with consent decisions. */
export interface ControlCaller {
  channel: 'desktop' | 'web-panel';
}

type Handlers = {
  [N in ControlCallName]: (input: z.output<(typeof controlInputs)[N]>, caller: ControlCaller) => ControlOutputs[N] | Promise<ControlOutputs[N]>;
};

function describeInvalid(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export interface ControlRegistry {
  /** Validates the input with the call's schema, then runs its handler. Never throws for a bad call. */
  call<N extends ControlCallName>(name: N, input: unknown, caller: ControlCaller): Promise<ControlResult<N>>;
  has(name: string): name is ControlCallName;
}

export function createControlRegistry(deps: {
  status: () => GatewayStatus;
  consent: Consent;
  clients: ConnectedClients;
  setupTokens: SetupTokens;
  log: Logger;
}): ControlRegistry {
  const handlers: Handlers = {
    'gateway.status': () => deps.status(),
    'clients.list': () => deps.clients.list(),
    'clients.revoke': ({ clientId }) => deps.clients.revoke(clientId),
    'consent.list': () => deps.consent.pending(),
    'consent.decide': (input, caller) => deps.consent.decide(input, `owner (${caller.channel})`),
    'tokens.mint': (input) => deps.setupTokens.mint(input as ControlInput<'tokens.mint'>),
  };

  async function call<N extends ControlCallName>(name: N, input: unknown, caller: ControlCaller): Promise<ControlResult<N>> {
    const parsed = controlInputs[name].safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: describeInvalid(parsed.error) } };
    try {
      const handler = handlers[name] as (input: unknown, caller: ControlCaller) => ControlOutputs[N] | Promise<ControlOutputs[N]>;
      return { ok: true, result: await handler(parsed.data, caller) };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message } satisfies ControlFailure };
      deps.log.error(`control call ${name} failed`, err);
      return { ok: false, error: { code: 'internal_error', message: 'The gateway failed to do this; its log has the details.' } };
    }
  }

  return { call, has: (name): name is ControlCallName => Object.hasOwn(controlInputs, name) };
}
