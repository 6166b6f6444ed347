import { FINGERPRINT_MEANING } from './app-words.ts';

/** An app's fingerprint beside its name: a short code that tells look-alikes apart (its meaning on hover, and in Details). */
export function Fingerprint({ code }: { code: string }) {
  return (
    <span className="fingerprint" title={FINGERPRINT_MEANING}>
      <span className="sr-only">Fingerprint </span>
      <span data-testid="fingerprint">{code}</span>
    </span>
  );
}
