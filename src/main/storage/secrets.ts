import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random secret (256 bits by default), URL-safe. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * What the database keeps instead of a secret. Unsalted SHA-256 is enough here: every secret hashed this way
 * carries at least 256 bits of randomness, so there is nothing to guess (unlike a password).
 */
export function hashSecret(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares two strings without leaking, through timing, how much of them matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(hashSecret(a), hashSecret(b));
}
