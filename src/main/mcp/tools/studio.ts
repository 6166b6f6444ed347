import { z } from 'zod';
import { isCountryCode, isHttpsUrl } from '../../studio/fields.ts';
import { PHONE, STUDIO_LIMITS } from '../../studio/studio-profile.ts';
import { defineTool } from '../tool.ts';
import { id, shortText, timeZone } from './common.ts';
import { noArgs, someOf } from './shapes.ts';
import { changedFields, deed, named, say } from './words.ts';

const location = {
  name: shortText(STUDIO_LIMITS.name).describe('e.g. Lotus Loft Södermalm'),
  address: shortText(STUDIO_LIMITS.address).describe('Street and number'),
  city: shortText(STUDIO_LIMITS.city),
  country: z.string().trim().toUpperCase().refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code, e.g. SE or PT').describe('ISO 3166-1 alpha-2, e.g. SE'),
  timezone: timeZone.describe('IANA time zone, e.g. Europe/Stockholm'),
  lat: z.number().min(-90).max(90).describe('Latitude, -90 to 90'),
  lng: z.number().min(-180).max(180).describe('Longitude, -180 to 180'),
};

// Payment and payout settings have no tool at all (docs/product.md#scopes: never allowed, whatever the grant).
export const studioTools = [
  defineTool({
    name: 'get_studio_profile',
    title: 'Get the studio profile',
    description: "Returns the studio's profile (name, tagline, description, website, email, phone, currency) with its locations.",
    scopes: ['read:studio'],
    counted: { did: 'looked at your studio profile' },
    input: noArgs,
    handler: (_args, { services }) => services.studio.get(),
  }),
  defineTool({
    name: 'update_studio_profile',
    title: 'Update the studio profile',
    description:
      "Changes the studio's public profile: name, tagline, description, website (https), email, phone (null clears website, email or phone). " +
      'The currency cannot be changed: every amount in the workspace is in it.',
    scopes: ['write:studio'],
    counted: { did: 'updated your studio profile' },
    idempotent: true,
    input: z
      .object({
        name: shortText(STUDIO_LIMITS.name).optional(),
        tagline: z.string().max(STUDIO_LIMITS.tagline).optional(),
        description: z.string().max(STUDIO_LIMITS.description).optional(),
        website: z.string().trim().max(2000).refine(isHttpsUrl, 'must be an https URL').nullable().optional(),
        email: z.email().max(200).nullable().optional(),
        phone: z.string().trim().regex(PHONE, 'must be a phone number: digits, spaces, ( ) . / - and an optional leading +').nullable().optional(),
        currency: z.string().optional().describe('Not changeable: sending it is refused and changes nothing'),
      })
      .strict()
      .refine((a) => Object.values(a).some((v) => v !== undefined), { message: 'give at least one of name, tagline, description, website, email, phone' }),
    handler: (a, { services }) => services.studio.update(a),
    describe: (a, services) => {
      const fields = changedFields(a);
      const studio = services.storage.studio.get()?.name ?? 'your studio';
      return deed(say`Change the public profile of ${named(studio)}: ${fields}`, `updated the profile of ${studio} (${fields})`);
    },
  }),
  defineTool({
    name: 'list_locations',
    title: 'List locations',
    description: "Lists the studio's locations: name, address, city, country, time zone and coordinates.",
    scopes: ['read:studio'],
    counted: { did: 'looked at your locations' },
    input: noArgs,
    handler: (_args, { services }) => ({ locations: services.studio.listLocations() }),
  }),
  defineTool({
    name: 'create_location',
    title: 'Create a location',
    description: 'Adds a location where the studio teaches (classes and mentors can then refer to it).',
    scopes: ['write:studio'],
    counted: { did: 'added', one: 'location', many: 'locations' },
    input: z.object(location).strict(),
    handler: (a, { services }) => services.studio.createLocation(a),
    describe: (a) => deed(say`Add the location ${named(a.name)}, ${a.address}, ${a.city}`, `added the location ${a.name}`),
  }),
  defineTool({
    name: 'update_location',
    title: 'Update a location',
    description: 'Changes a location: any of name, address, city, country, time zone and coordinates.',
    scopes: ['write:studio'],
    counted: { did: 'changed', one: 'location', many: 'locations' },
    idempotent: true,
    input: z
      .object({
        location_id: id('Location'),
        name: location.name.optional(),
        address: location.address.optional(),
        city: location.city.optional(),
        country: location.country.optional(),
        timezone: location.timezone.optional(),
        lat: location.lat.optional(),
        lng: location.lng.optional(),
      })
      .strict()
      .apply(someOf, ['name', 'address', 'city', 'country', 'timezone', 'lat', 'lng']),
    handler: ({ location_id, ...changes }, { services }) => services.studio.updateLocation(location_id, changes),
    describe: ({ location_id, ...changes }, services) => {
      const location = services.storage.locations.find(location_id);
      if (!location) return undefined;
      const fields = changedFields(changes, { lat: 'coordinates', lng: 'coordinates', timezone: 'time zone' });
      return deed(say`Change the location ${named(location.name)}: ${fields}`, `changed the location ${location.name} (${fields})`);
    },
  }),
];
