import type { Services } from '../../../src/main/services.ts';

/** What a check sees after the call: the tool's structured result (snake_case), the arguments sent, and the gateway's services. */
export interface ToolCallSeen<A> {
  result: Record<string, unknown>;
  args: A;
  services: Services;
}

/**
 * One tool's example against the demo workspace: valid arguments, and the check that the call did what the tool
 * says. `args` may prepare what it needs through the services (e.g. a class without bookings to delete). `check`
 * throws (through expect) unless the effect is there: a read tool's result holds what the database holds; after a
 * write the database holds what was asked (read back through services.storage); after a delete the record is gone.
 * The tool matrix test runs every tool with its example and its check.
 */
export interface ToolExample<A extends Record<string, unknown> = Record<string, unknown>> {
  args(services: Services): A;
  check(seen: ToolCallSeen<A>): void;
}

export type ToolExamples = Record<string, ToolExample>;

/** Types one entry by its arguments (the check then reads them typed), and files it among the others. */
export function example<A extends Record<string, unknown>>(entry: ToolExample<A>): ToolExample {
  return { args: (services) => entry.args(services), check: (seen) => entry.check({ ...seen, args: seen.args as A }) };
}
