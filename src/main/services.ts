import type { Storage } from './storage/index.ts';
import { createOwnerProfileService } from './studio/owner-profile.ts';

/** The domain services tools and control-panel calls work through. */
export function createServices(storage: Storage) {
  return {
    storage,
    owner: createOwnerProfileService(storage.owner),
  };
}
export type Services = ReturnType<typeof createServices>;
