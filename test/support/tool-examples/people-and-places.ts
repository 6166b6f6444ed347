import { expect } from 'vitest';
import type { Services } from '../../../src/main/services.ts';
import { haversineKm } from '../../../src/main/studio/directory.ts';
import { defined } from '../defined.ts';
import { idsOf, listed } from './read-back.ts';
import { example, type ToolExamples } from './types.ts';

function ownerMentor(services: Services): string {
  return defined(services.storage.mentors.all().find((m) => m.isOwner), "the owner's mentor profile").id;
}

function ownerCertification(services: Services): string {
  const certification = services.storage.certifications.forMentor(ownerMentor(services))[0];
  if (!certification) throw new Error("the demo owner's mentor profile has no certifications");
  return certification.id;
}

/** Examples for the mentor, studio, location and directory tools. */
export const examples: ToolExamples = {
  list_mentors: example({
    args: () => ({}),
    check: ({ result, services }) => {
      const mentors = services.storage.mentors.all();
      expect(mentors.length).toBeGreaterThan(0);
      expect(listed(result, 'mentors').map((m) => [m.id, m.name, m.is_owner])).toEqual(mentors.map((m) => [m.id, m.name, m.isOwner]));
    },
  }),
  get_mentor_profile: example({
    args: () => ({ mentor_id: 'men_joao' }),
    check: ({ result, args, services }) => {
      const mentor = defined(services.storage.mentors.find(args.mentor_id), 'mentor');
      expect(result).toMatchObject({ id: mentor.id, name: mentor.name, bio: mentor.bio, practices: mentor.practices, photos: mentor.photos });
      expect(idsOf(listed(result, 'certifications'))).toEqual(idsOf(services.storage.certifications.forMentor(mentor.id)));
      const teaches = services.storage.classes.all().filter((c) => c.mentorId === mentor.id);
      expect(teaches.length).toBeGreaterThan(0);
      expect(idsOf(listed(result, 'classes'))).toEqual(idsOf(teaches));
    },
  }),
  update_mentor_profile: example({
    args: () => ({ bio: 'Founder of Lotus Loft. Vinyasa, yin and long exhales.', practices: ['yoga', 'yin'] }),
    check: ({ args, services }) => expect(services.storage.mentors.find(ownerMentor(services))).toMatchObject({ bio: args.bio, practices: args.practices }),
  }),
  add_certification: example({
    args: () => ({ title: 'Prenatal Yoga', issuer: 'Yoga Alliance', year: 2022 }),
    check: ({ result, args, services }) =>
      expect(services.storage.certifications.find(String(result.id))).toMatchObject({ mentorId: ownerMentor(services), title: args.title, issuer: args.issuer, year: args.year }),
  }),
  remove_certification: example({
    args: (s) => ({ certification_id: ownerCertification(s) }),
    check: ({ args, services }) => expect(services.storage.certifications.find(args.certification_id)).toBeUndefined(),
  }),

  get_studio_profile: example({
    args: () => ({}),
    check: ({ result, services }) => {
      const studio = defined(services.storage.studio.get(), 'studio profile');
      expect(result).toMatchObject({ name: studio.name, tagline: studio.tagline, description: studio.description, website: studio.website, email: studio.email, phone: studio.phone, currency: studio.currency });
      expect(idsOf(listed(result, 'locations'))).toEqual(idsOf(services.storage.locations.all()));
    },
  }),
  update_studio_profile: example({
    args: () => ({ tagline: 'Small groups, two cities, one loft.' }),
    check: ({ args, services }) => expect(services.storage.studio.get()?.tagline).toBe(args.tagline),
  }),
  list_locations: example({
    args: () => ({}),
    check: ({ result, services }) => {
      const locations = services.storage.locations.all();
      expect(locations.length).toBeGreaterThan(0);
      expect(listed(result, 'locations').map((l) => [l.id, l.name, l.address])).toEqual(locations.map((l) => [l.id, l.name, l.address]));
    },
  }),
  create_location: example({
    args: () => ({ name: 'Lotus Loft Porto', address: 'Rua de Cedofeita 210', city: 'Porto', country: 'PT', timezone: 'Europe/Lisbon', lat: 41.1545, lng: -8.6185 }),
    check: ({ result, args, services }) => expect(services.storage.locations.find(String(result.id))).toMatchObject(args),
  }),
  update_location: example({
    args: () => ({ location_id: 'loc_lisbon', address: 'Rua da Escola Politécnica 114' }),
    check: ({ args, services }) => expect(services.storage.locations.find(args.location_id)?.address).toBe(args.address),
  }),

  search_directory: example({
    args: () => ({ practice: 'yoga', radius_km: 500 }),
    check: ({ result, args, services }) => {
      // Measured from the owner's saved home: the stored rows of that practice within the radius, nearest first.
      const home = defined(services.storage.owner.get()?.home, "the owner's home location");
      const expected = services.storage.directory
        .search({})
        .filter((entry) => entry.practices.includes(args.practice))
        .map((entry) => ({ id: entry.id, km: haversineKm(home, entry) }))
        .filter(({ km }) => km <= args.radius_km)
        .sort((a, b) => a.km - b.km)
        .slice(0, 20);
      expect(expected.length).toBeGreaterThan(0);
      expect(idsOf(listed(result, 'results'))).toEqual(idsOf(expected));
    },
  }),
};
