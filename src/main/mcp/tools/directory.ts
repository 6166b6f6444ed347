import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { page, pageResult } from './common.ts';

export const directoryTools = [
  defineTool({
    name: 'search_directory',
    title: 'Search the public directory',
    description:
      'Searches the public directory of other mentors, studios and classes by text, kind, practice and city; paged. Results are sorted by distance ' +
      "(distance_km, great-circle) from `near` or, by default, the owner's saved home location, and can be limited to radius_km; with neither, " +
      'they are sorted by name and distance_km is null. Public data only.',
    scopes: ['read:public'],
    counted: { did: 'searched the public directory' },
    input: z
      .object({
        query: z.string().trim().min(1).max(100).optional().describe('Text in the name or summary'),
        kind: z.enum(['mentor', 'studio', 'class']).optional(),
        practice: z.string().trim().min(1).max(60).optional().describe('e.g. yoga, pilates (case-insensitive)'),
        city: z.string().trim().min(1).max(100).optional().describe('e.g. Lisbon (case-insensitive)'),
        near: z
          .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
          .strict()
          .optional()
          .describe("Measure distances from here instead of the owner's home location"),
        radius_km: z.number().min(1).max(20_000).optional().describe('Only results within this many km (1–20000); needs near or a saved home'),
        ...page,
      })
      .strict(),
    handler: (a, { services }) => {
      const { measuredFrom, ...result } = services.directory.search(
        { text: a.query, kind: a.kind, practice: a.practice, city: a.city, near: a.near, radiusKm: a.radius_km },
        a,
      );
      return { ...pageResult(result, 'results'), measuredFrom };
    },
  }),
];
