import { z } from 'zod';
import type { PanelSessionView } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';
import { id, noInput } from './fields.ts';

/** Browsers signed in to the web panel (headless mode). */
export const browsersCalls = {
  /** Each signed-in browser, with when it was last used. */
  'browsers.list': read<PanelSessionView[]>(({ sessions, caller }) => sessions.list(caller.sessionId)),

  /** Ends one browser's sign-in at once: its next request is refused. */
  'browsers.signOut': call({
    input: z.object({ id }).strict(),
    output: returns<{ signedOut: number }>(),
    audit: {},
    handler: ({ id }, { sessions }) => sessions.signOut(id),
  }),

  'browsers.signOutAll': call({
    input: noInput,
    output: returns<{ signedOut: number }>(),
    audit: {},
    handler: (_input, { sessions }) => sessions.signOutEverywhere(),
  }),
};
