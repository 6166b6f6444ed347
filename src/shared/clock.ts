/**
 * The one source of "now" for the gateway and the panel: every rule that reads the time takes a Clock, so tests move
 * time instead of sleeping, and nothing reads the system clock behind the rules' back. Instants are kept in two units, named in
 * their columns and fields: seconds for OAuth and studio records (`expires_at`, `created_at`: RFC 7519 NumericDate),
 * milliseconds for the audit log and background jobs (`ts_ms`, `run_after_ms`), where order within a second matters.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  nowMs(): number;
}

/** The system's clock: the only place the gateway and the panel read it. */
export const systemClock: Clock = { nowMs: () => Date.now() };

/** Whole seconds since the Unix epoch (RFC 7519 NumericDate), for columns kept in seconds. */
export function epochSeconds(clock: Clock): number {
  return Math.floor(clock.nowMs() / 1000);
}
