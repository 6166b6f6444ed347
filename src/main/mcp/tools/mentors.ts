import { z } from 'zod';
import { isHttpsUrl, PRACTICE } from '../../studio/fields.ts';
import { MENTOR_LIMITS } from '../../studio/mentors.ts';
import { defineTool } from '../tool.ts';
import { id, shortText, toCamelCase } from './common.ts';
import { noArgs, someOf } from './shapes.ts';
import { changedFields, deed, mentorName, named, say } from './words.ts';

const mentorId = id('Mentor').optional().describe("Mentor id (list_mentors shows them); default: the owner's own mentor profile");
const practice = z.string().trim().regex(PRACTICE, 'must be one short lowercase word, e.g. yoga, pilates, hatha-yoga');
const photo = z.string().trim().max(2000).refine(isHttpsUrl, 'must be an https URL (photos are public, so only https is accepted)');

export const mentorTools = [
  defineTool({
    name: 'list_mentors',
    title: 'List mentors',
    description: "Lists the studio's mentors (the owner's own mentor profile first, then custom mentors): id, name, practices, and whether it is the owner.",
    scopes: ['read:mentor', 'read:studio'],
    counted: { did: 'looked at your mentors' },
    input: noArgs,
    handler: (_args, { services }) => ({ mentors: services.mentors.list() }),
  }),
  defineTool({
    name: 'get_mentor_profile',
    title: 'Get a mentor profile',
    description:
      "Returns a mentor profile: bio, practices, photos, locations, certifications and the classes they teach. Without mentor_id, the owner's own mentor profile.",
    scopes: ['read:mentor'],
    counted: { did: 'looked at your mentors' },
    input: z.object({ mentor_id: mentorId }).strict(),
    handler: (a, { services }) => services.mentors.get(a.mentor_id),
  }),
  defineTool({
    name: 'update_mentor_profile',
    title: 'Update a mentor profile',
    description:
      "Changes a mentor profile (default: the owner's own): name, bio, practices, photos (https URLs) and location_ids. Lists are replaced whole, not merged.",
    scopes: ['write:mentor'],
    counted: { did: 'updated', one: 'mentor profile', many: 'mentor profiles' },
    idempotent: true,
    input: z
      .object({
        mentor_id: mentorId,
        name: shortText(MENTOR_LIMITS.name).optional(),
        bio: z.string().max(MENTOR_LIMITS.bio).optional().describe(`Up to ${MENTOR_LIMITS.bio} characters`),
        practices: z.array(practice).max(MENTOR_LIMITS.practices).optional().describe(`Up to ${MENTOR_LIMITS.practices} lowercase words, e.g. ["yoga", "yin"]`),
        photos: z.array(photo).max(MENTOR_LIMITS.photos).optional().describe(`Up to ${MENTOR_LIMITS.photos} https URLs`),
        location_ids: z.array(id('Location')).max(20).optional().describe('Where they teach (list_locations shows them)'),
      })
      .strict()
      .apply(someOf, ['name', 'bio', 'practices', 'photos', 'location_ids']),
    handler: ({ mentor_id, ...changes }, { services }) => services.mentors.update(mentor_id, toCamelCase(changes)),
    describe: ({ mentor_id, ...changes }, services) => {
      const name = mentorName(services, mentor_id);
      const fields = changedFields(changes, { location_ids: 'locations' });
      return name === undefined ? undefined : deed(say`Change the mentor profile of ${named(name)}: ${fields}`, `updated the mentor profile of ${name} (${fields})`);
    },
  }),
  defineTool({
    name: 'add_certification',
    title: 'Add a certification',
    description: "Adds a certification (title, issuer, year) to a mentor profile (default: the owner's own).",
    scopes: ['write:mentor'],
    counted: { did: 'added', one: 'certification', many: 'certifications' },
    input: z
      .object({
        mentor_id: mentorId,
        title: shortText(MENTOR_LIMITS.certificationText).describe('e.g. RYT-500 Vinyasa'),
        issuer: shortText(MENTOR_LIMITS.certificationText).describe('e.g. Yoga Alliance'),
        year: z.number().int().min(MENTOR_LIMITS.firstCertificationYear).describe(`Year awarded, ${MENTOR_LIMITS.firstCertificationYear} to this year`),
      })
      .strict(),
    handler: (a, { services }) => services.mentors.addCertification(a.mentor_id, { title: a.title, issuer: a.issuer, year: a.year }),
    describe: (a, services) => {
      const name = mentorName(services, a.mentor_id);
      return name === undefined
        ? undefined
        : deed(say`Add the certification ${named(a.title)} (${a.issuer}, ${a.year}) to ${named(name)}`, `added the certification ${a.title} to ${name}`);
    },
  }),
  defineTool({
    name: 'remove_certification',
    title: 'Remove a certification',
    description: "Removes a certification from a mentor profile (default: the owner's own); it must belong to that mentor.",
    scopes: ['write:mentor'],
    counted: { did: 'removed', one: 'certification', many: 'certifications' },
    idempotent: true,
    input: z.object({ mentor_id: mentorId, certification_id: id('Certification') }).strict(),
    handler: (a, { services }) => services.mentors.removeCertification(a.mentor_id, a.certification_id),
    describe: (a, services) => {
      const name = mentorName(services, a.mentor_id);
      const certification = services.storage.certifications.find(a.certification_id);
      return name === undefined || !certification
        ? undefined
        : deed(say`Remove the certification ${named(certification.title)} from ${named(name)}`, `removed the certification ${certification.title} from ${name}`);
    },
  }),
];
