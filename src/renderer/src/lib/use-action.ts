import { useState } from 'react';

/** What a failure says to the owner: an Error's message (a CallError's is the gateway's), anything else as text. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The owner's actions on one part of a page, with the one error note they share. `run` clears the note, runs the
 * action and shows its failure there; once it succeeded, `done` (if given) says what it did through `notify`. It
 * answers whether the action succeeded (each action refreshes what it changed itself: data/changes.ts).
 */
export function useAction(notify?: (message: string) => void) {
  const [error, setError] = useState<string | null>(null);

  async function run<T>(action: () => Promise<T>, done?: (value: T) => string): Promise<boolean> {
    setError(null);
    try {
      const value = await action();
      if (done) notify?.(done(value));
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    }
  }

  return { error, run };
}
