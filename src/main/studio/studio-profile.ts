import { DomainError } from '../errors.ts';
import type { Location } from '../storage/locations-repo.ts';
import type { StudioProfile } from '../storage/studio-profile-repo.ts';
import type { DomainContext } from './context.ts';
import { invalid, isCountryCode, isHttpsUrl, isLatitude, isLongitude, text } from './fields.ts';
import { isoInstant, isValidTimeZone } from './time.ts';

export interface LocationView extends Omit<Location, 'createdAt'> {
  createdAt: string;
}

export interface StudioProfileView extends Omit<StudioProfile, 'updatedAt'> {
  updatedAt: string;
  locations: LocationView[];
}

export interface StudioChanges {
  name?: string | undefined;
  tagline?: string | undefined;
  description?: string | undefined;
  website?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  /** Never changeable here; accepted only to refuse it with a reason. */
  currency?: string | undefined;
}

export type LocationInput = Omit<Location, 'id' | 'createdAt'>;

export const STUDIO_LIMITS = { name: 120, tagline: 160, description: 4000, address: 200, city: 100 } as const;
/** Loose on purpose: phone formats differ by country; digits with the usual separators, optional leading +. */
export const PHONE = /^\+?[0-9][0-9 ()./-]{2,38}[0-9]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The studio's own profile and its locations (read:studio / write:studio). */
export function createStudioProfileService({ storage, now, newId }: DomainContext) {
  const locationView = ({ createdAt, ...l }: Location): LocationView => ({ ...l, createdAt: isoInstant(createdAt) });

  function requireStudio(): StudioProfile {
    const studio = storage.studio.get();
    if (!studio) throw new DomainError('not_found', 'This workspace has no studio profile yet (create one in the control panel).');
    return studio;
  }

  function requireLocation(id: string): Location {
    const found = storage.locations.find(id);
    if (!found) throw new DomainError('not_found', `location_id: there is no location ${id} (list_locations shows them).`);
    return found;
  }

  const view = (studio: StudioProfile): StudioProfileView => ({ ...studio, updatedAt: isoInstant(studio.updatedAt), locations: storage.locations.all().map(locationView) });

  /** Checks a whole location (after changes were applied), naming the argument that is wrong. */
  function checkLocation(l: LocationInput): LocationInput {
    if (!isCountryCode(l.country)) invalid('country', `"${l.country}" is not an ISO 3166-1 alpha-2 country code (e.g. SE, PT)`);
    if (!isValidTimeZone(l.timezone)) invalid('timezone', `"${l.timezone}" is not an IANA time zone (e.g. Europe/Stockholm)`);
    if (!isLatitude(l.lat)) invalid('lat', 'must be a latitude between -90 and 90');
    if (!isLongitude(l.lng)) invalid('lng', 'must be a longitude between -180 and 180');
    return {
      ...l,
      name: text('name', l.name, 1, STUDIO_LIMITS.name),
      address: text('address', l.address, 1, STUDIO_LIMITS.address),
      city: text('city', l.city, 1, STUDIO_LIMITS.city),
    };
  }

  return {
    get(): StudioProfileView {
      return view(requireStudio());
    },

    /** Changes the public profile. The currency stays: every price and amount in the workspace is in it. */
    update(changes: StudioChanges): StudioProfileView {
      const studio = requireStudio();
      if (changes.currency !== undefined) {
        throw new DomainError(
          'currency_not_changeable',
          `The currency cannot be changed: every price, booking and amount in the workspace is in ${studio.currency}. Nothing was changed.`,
        );
      }
      // null clears a contact field; anything else must be well-formed.
      if (typeof changes.website === 'string' && !isHttpsUrl(changes.website)) invalid('website', 'must be an https URL');
      if (typeof changes.email === 'string' && !EMAIL.test(changes.email)) invalid('email', 'must be an email address');
      if (typeof changes.phone === 'string' && !PHONE.test(changes.phone)) invalid('phone', 'must be a phone number: digits, spaces, ( ) . / - and an optional leading +');
      const updated: StudioProfile = {
        ...studio,
        ...(changes.name !== undefined && { name: text('name', changes.name, 1, STUDIO_LIMITS.name) }),
        ...(changes.tagline !== undefined && { tagline: text('tagline', changes.tagline, 0, STUDIO_LIMITS.tagline) }),
        ...(changes.description !== undefined && { description: text('description', changes.description, 0, STUDIO_LIMITS.description) }),
        ...(changes.website !== undefined && { website: changes.website }),
        ...(changes.email !== undefined && { email: changes.email }),
        ...(changes.phone !== undefined && { phone: changes.phone }),
        updatedAt: now(),
      };
      storage.transaction(() => storage.studio.save(updated));
      return view(updated);
    },

    listLocations(): LocationView[] {
      return storage.locations.all().map(locationView);
    },

    createLocation(input: LocationInput): LocationView {
      const location: Location = { id: newId('loc'), ...checkLocation(input), createdAt: now() };
      storage.transaction(() => storage.locations.insert(location));
      return locationView(location);
    },

    updateLocation(id: string, changes: Partial<LocationInput>): LocationView {
      const current = requireLocation(id);
      const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if (Object.keys(given).length === 0) invalid('arguments', 'give at least one of name, address, city, country, timezone, lat, lng');
      const updated: Location = { ...current, ...checkLocation({ ...current, ...given }), id: current.id, createdAt: current.createdAt };
      storage.transaction(() => storage.locations.save(updated));
      return locationView(updated);
    },
  };
}
export type StudioProfileService = ReturnType<typeof createStudioProfileService>;
