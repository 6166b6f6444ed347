import type { OwnerIdentity } from './owner-profile.ts';

/** The demo studio's owner (deterministic, so tests and screenshots can rely on it). */
export const DEMO_OWNER: OwnerIdentity = {
  name: 'Maya Lindqvist',
  email: 'maya@lotusloft.example',
  emailVerified: true,
  accountType: 'studio',
};
