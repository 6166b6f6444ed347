import type { Services } from '../../../src/main/services.ts';
import type { ToolExamples } from './types.ts';

function ownerCertification(s: Services): string {
  const certification = s.storage.certifications.forMentor('men_maya')[0];
  if (!certification) throw new Error("the demo owner's mentor profile has no certifications");
  return certification.id;
}

/** Examples for the mentor, studio, location and directory tools. */
export const examples: ToolExamples = {
  list_mentors: () => ({}),
  get_mentor_profile: () => ({ mentor_id: 'men_joao' }),
  update_mentor_profile: () => ({ bio: 'Founder of Lotus Loft. Vinyasa, yin and long exhales.', practices: ['yoga', 'yin'] }),
  add_certification: () => ({ title: 'Prenatal Yoga', issuer: 'Yoga Alliance', year: 2022 }),
  remove_certification: (s) => ({ certification_id: ownerCertification(s) }),

  get_studio_profile: () => ({}),
  update_studio_profile: () => ({ tagline: 'Small groups, two cities, one loft.' }),
  list_locations: () => ({}),
  create_location: () => ({ name: 'Lotus Loft Porto', address: 'Rua de Cedofeita 210', city: 'Porto', country: 'PT', timezone: 'Europe/Lisbon', lat: 41.1545, lng: -8.6185 }),
  update_location: () => ({ location_id: 'loc_lisbon', address: 'Rua da Escola Politécnica 114' }),

  search_directory: () => ({ practice: 'yoga', radius_km: 500 }),
};
