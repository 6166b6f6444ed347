import { z } from 'zod';
import type { MintedToken } from '../../../shared/control-api.ts';
import { BUNDLES } from '../../../shared/scopes.ts';
import { call, clientOfResult, returns } from './define.ts';
import { scopeList } from './fields.ts';

const bundleIds = BUNDLES.map((b) => b.id) as [string, ...string[]];

/** A setup token: its bundle (or custom scopes), the name Connected apps shows, and how long it lasts. */
export const mintFields = {
  bundle: z.enum([...bundleIds, 'custom']),
  /** Custom bundle only: the scopes to put on the token. */
  scopes: scopeList.optional(),
  /** Shown under Connected apps; made unique if another client already has it. */
  clientName: z.string().trim().min(1).max(80),
  expiresInDays: z.number().int().min(1).max(365),
};

const mintInput = z.object(mintFields).strict();
/** What setup-tokens.ts mints from. */
export type MintInput = z.input<typeof mintInput>;

/** Agent setup's "Create snippet": a connected app with a token, for a config pasted by hand. */
export const tokensCalls = {
  'tokens.mint': call({
    input: mintInput,
    output: returns<MintedToken>(),
    audit: { client: clientOfResult },
    handler: (input, { setupTokens }) => setupTokens.mint(input),
  }),
};
