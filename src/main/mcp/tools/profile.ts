import { z } from 'zod';
import type { OwnerProfile } from '../../storage/owner-profile-repo.ts';
import { SETTING_KEY, SETTING_KEY_RULE } from '../../studio/owner-profile.ts';
import { defineTool } from '../tool.ts';
import { noArgs } from './shapes.ts';
import { changedFields, deed, named, say } from './words.ts';

const settingValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);

// Checked here as well as in the service so the refusal names the offending key (settings.<key>).
const settings = z.record(z.string(), settingValue).superRefine((record, ctx) => {
  for (const key of Object.keys(record)) if (!SETTING_KEY.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: SETTING_KEY_RULE });
});

const homeLocation = z
  .object({
    label: z.string().trim().min(1).max(120).describe('How the owner names the place, e.g. "Södermalm, Stockholm"'),
    lat: z.number().min(-90).max(90).describe('Latitude, -90 to 90'),
    lng: z.number().min(-180).max(180).describe('Longitude, -180 to 180'),
  })
  .strict();

/** The profile as tools show it: without the OIDC subject, and the home under the name update_profile takes. */
function profileView({ id: _subject, home, ...profile }: OwnerProfile) {
  return { ...profile, homeLocation: home };
}

export const profileTools = [
  defineTool({
    name: 'get_profile',
    title: 'Get my profile',
    description:
      "Returns the owner's own profile: name, email (and whether it is verified), account type, settings and the saved home location " +
      '(directory distances are measured from it).',
    scopes: ['read:profile'],
    counted: { did: 'looked at your profile' },
    input: noArgs,
    handler: (_args, { services }) => profileView(services.owner.get()),
  }),
  defineTool({
    name: 'update_profile',
    title: 'Update my profile',
    description:
      "Changes the owner's name, settings and/or home location. Settings are merged (keys you send replace those keys, others stay); keys are snake_case. " +
      'home_location null clears it. The email cannot be changed here.',
    scopes: ['write:profile'],
    counted: { did: 'updated your profile' },
    idempotent: true,
    input: z
      .object({
        name: z.string().trim().min(1).max(100).optional().describe('Display name, 1–100 characters'),
        settings: settings.optional().describe('Settings to set, by snake_case key (e.g. week_starts_on)'),
        home_location: homeLocation.nullable().optional().describe('Where directory distances are measured from; null clears it'),
        email: z.string().optional().describe('Not changeable through an agent: sending it is refused and changes nothing'),
      })
      .strict(),
    handler: (a, { services }) => profileView(services.owner.update({ name: a.name, settings: a.settings, home: a.home_location, email: a.email })),
    describe: (a) => {
      const fields = changedFields(a);
      return deed(say`Change ${named('your own profile')}: ${fields}`, `updated your profile (${fields})`);
    },
  }),
];
