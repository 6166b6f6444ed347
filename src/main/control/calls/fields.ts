import { z } from 'zod';
import { SCOPE_NAMES } from '../../../shared/scopes.ts';

// Input fields several areas' calls share.

export const id = z.string().min(1).max(200);

export const scopeList = z.array(z.enum(SCOPE_NAMES as [string, ...string[]])).max(SCOPE_NAMES.length);

/** The input of a call that takes none: `{}` (an absent input counts as `{}`), and nothing else. */
export const noInput = z.object({}).strict();
