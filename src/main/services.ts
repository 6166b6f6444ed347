import type { Storage } from './storage/index.ts';
import { epochSeconds, systemClock, type Clock } from '../shared/clock.ts';
import { createBookingsService } from './studio/bookings.ts';
import { createClassesService } from './studio/classes.ts';
import { createCustomersService } from './studio/customers.ts';
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
export function createServices(storage: Storage, options: { clock?: Clock; newId?: DomainContext['newId'] } = {}) {
  const clock = options.clock ?? systemClock;
  const ctx: DomainContext = { storage, now: () => epochSeconds(clock), clock, newId: options.newId ?? newId };
  const bookings = createBookingsService(ctx);
  return {
    storage,
    clock,
    now: ctx.now,
    owner: createOwnerProfileService(storage, ctx.now),
    tier: createTierService(storage.settings),
    classes: createClassesService(ctx),
    bookings,
    customers: createCustomersService(ctx, bookings),
    financials: createFinancialsService(ctx),
    reviews: createReviewsService(ctx),
    messages: createMessagesService(ctx),
    mentors: createMentorsService(ctx),
    studio: createStudioProfileService(ctx),
    directory: createDirectoryService(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
