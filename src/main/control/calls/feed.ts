import type { FeedView } from '../../../shared/control-api.ts';
import { call, returns } from './define.ts';
import { noInput } from './fields.ts';

/** The teaching-schedule calendar feed (.ics) calendar apps subscribe to. */
export const feedCalls = {
  /** Makes the calendar feed URL, or replaces it (the old one stops working at once). */
  'feed.rotate': call({
    input: noInput,
    output: returns<FeedView>(),
    audit: {},
    handler: (_input, { connections }) => connections.rotateFeed(),
  }),

  'feed.disable': call({
    input: noInput,
    output: returns<FeedView>(),
    audit: {},
    handler: (_input, { connections }) => connections.disableFeed(),
  }),
};
