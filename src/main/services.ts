import type { Storage } from './storage/index.ts';
import { nowSeconds } from './storage/secrets.ts';
import { createBookingsService } from './studio/bookings.ts';
import { createClassesService } from './studio/classes.ts';
import { createClientsService } from './studio/clients.ts';
import { createFinancialsService } from './studio/financials.ts';
import { createMessagesService } from './studio/messages.ts';
import { createReviewsService } from './studio/reviews.ts';
import { createMentorsService } from './studio/mentors.ts';
import { createStudioProfileService } from './studio/studio-profile.ts';
import { createDirectoryService } from './studio/directory.ts';
import type { DomainContext } from './studio/context.ts';
import { newId } from './studio/ids.ts';
import { createOwnerProfileService } from './studio/owner-profile.ts';
import { createTierService } from './studio/tier.ts';

/** The domain services tools and control-panel calls work through. */
export function createServices(storage: Storage, options: Partial<Omit<DomainContext, 'storage'>> = {}) {
  const ctx: DomainContext = { storage, now: options.now ?? nowSeconds, newId: options.newId ?? newId };
  const bookings = createBookingsService(ctx);
  return {
    storage,
    now: ctx.now,
    owner: createOwnerProfileService(storage),
    tier: createTierService(storage.settings),
    classes: createClassesService(ctx),
    bookings,
    clients: createClientsService(ctx, bookings),
    financials: createFinancialsService(ctx),
    reviews: createReviewsService(ctx),
    messages: createMessagesService(ctx),
    mentors: createMentorsService(ctx),
    studio: createStudioProfileService(ctx),
    directory: createDirectoryService(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
