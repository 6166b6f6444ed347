import type { Clock } from '../../src/shared/clock.ts';

/** A clock that runs with real time and can be moved forward: tests skip waits instead of sleeping through them. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function movableClock(): MovableClock {
  let offset = 0;
  return {
    nowMs: () => Date.now() + offset,
    advance(ms) {
      offset += ms;
    },
  };
}
