import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `ms`, undefined before the first time it does (a search box asks once the
 * owner stops typing, not per key; a filter set right after the page opens is the first thing asked for).
 */
export function useSettled<T>(value: T, ms: number): T | undefined {
  const [settled, setSettled] = useState<T | undefined>(undefined);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
