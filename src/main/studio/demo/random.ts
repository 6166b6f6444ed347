/** A small seeded PRNG (mulberry32): the demo workspace is the same for the same seed and day. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** Ids like the gateway's own (prefix + 16 hex digits), drawn from the seed. */
    id: (prefix: string) => `${prefix}_${Array.from({ length: 16 }, () => Math.floor(next() * 16).toString(16)).join('')}`,
  };
}
export type SeededRandom = ReturnType<typeof seededRandom>;
