import { DomainError } from '../errors.ts';
import type { Certification } from '../storage/certifications-repo.ts';
import type { Mentor } from '../storage/mentors-repo.ts';
import type { DomainContext } from './context.ts';
import { invalid, isHttpsUrl, PRACTICE, text } from './fields.ts';

export interface MentorSummary {
  id: string;
  name: string;
  practices: string[];
  isOwner: boolean;
}

export interface MentorProfileView extends MentorSummary {
  bio: string;
  photos: string[];
  locations: { id: string; name: string; city: string }[];
  certifications: { id: string; title: string; issuer: string; year: number }[];
  classes: { id: string; title: string }[];
}

export interface MentorChanges {
  name?: string | undefined;
  bio?: string | undefined;
  practices?: string[] | undefined;
  photos?: string[] | undefined;
  locationIds?: string[] | undefined;
}

export interface CertificationInput {
  title: string;
  issuer: string;
  year: number;
}

export const MENTOR_LIMITS = { name: 100, bio: 4000, practices: 12, photos: 10, certificationText: 120, firstCertificationYear: 1950 } as const;

/** Mentor profiles (bio, photos, locations, certifications): the owner's own and a studio's custom mentors. */
export function createMentorsService({ storage, now, newId }: DomainContext) {
  /** The named mentor, or the owner's own mentor profile when none is named. */
  function requireMentor(id: string | undefined): Mentor {
    const found = id === undefined ? storage.mentors.all().find((m) => m.isOwner) : storage.mentors.find(id);
    if (found) return found;
    if (id === undefined) throw new DomainError('not_found', "The owner has no mentor profile of their own in this workspace; pass mentor_id (list_mentors shows them).");
    throw new DomainError('not_found', `mentor_id: there is no mentor ${id}.`);
  }

  function view(mentor: Mentor): MentorProfileView {
    const locations = mentor.locationIds.flatMap((id) => {
      const location = storage.locations.find(id);
      return location ? [{ id: location.id, name: location.name, city: location.city }] : [];
    });
    return {
      id: mentor.id,
      name: mentor.name,
      practices: mentor.practices,
      isOwner: mentor.isOwner,
      bio: mentor.bio,
      photos: mentor.photos,
      locations,
      certifications: storage.certifications.forMentor(mentor.id).map(({ mentorId: _mentor, ...c }) => c),
      classes: storage.classes.all().filter((c) => c.mentorId === mentor.id).map((c) => ({ id: c.id, title: c.title })),
    };
  }

  /** Checks every field that was given and returns them cleaned (trimmed, duplicates dropped). */
  function checked(changes: MentorChanges): Partial<Pick<Mentor, 'name' | 'bio' | 'practices' | 'photos' | 'locationIds'>> {
    const out: Partial<Pick<Mentor, 'name' | 'bio' | 'practices' | 'photos' | 'locationIds'>> = {};
    if (changes.name !== undefined) out.name = text('name', changes.name, 1, MENTOR_LIMITS.name);
    if (changes.bio !== undefined) out.bio = text('bio', changes.bio, 0, MENTOR_LIMITS.bio);
    if (changes.practices !== undefined) {
      const practices = [...new Set(changes.practices.map((p) => p.trim()))];
      const bad = practices.find((p) => !PRACTICE.test(p));
      if (bad !== undefined) invalid('practices', `"${bad}" is not one short lowercase word (e.g. yoga, pilates, hatha-yoga)`);
      if (practices.length > MENTOR_LIMITS.practices) invalid('practices', `at most ${MENTOR_LIMITS.practices} practices`);
      out.practices = practices;
    }
    if (changes.photos !== undefined) {
      const photos = [...new Set(changes.photos.map((p) => p.trim()))];
      const bad = photos.find((p) => !isHttpsUrl(p));
      if (bad !== undefined) invalid('photos', `"${bad.slice(0, 200)}" is not an https URL (photos are public, so only https is accepted)`);
      if (photos.length > MENTOR_LIMITS.photos) invalid('photos', `at most ${MENTOR_LIMITS.photos} photos`);
      out.photos = photos;
    }
    if (changes.locationIds !== undefined) {
      const ids = [...new Set(changes.locationIds)];
      const unknown = ids.find((id) => !storage.locations.find(id));
      if (unknown !== undefined) throw new DomainError('not_found', `location_ids: there is no location ${unknown} (list_locations shows them). Nothing was changed.`);
      out.locationIds = ids;
    }
    return out;
  }

  return {
    view,
    list(): MentorSummary[] {
      return storage.mentors.all().map((m) => ({ id: m.id, name: m.name, practices: m.practices, isOwner: m.isOwner }));
    },

    get(mentorId?: string): MentorProfileView {
      return view(requireMentor(mentorId));
    },

    /** Replaces the fields given; lists (practices, photos, location_ids) are replaced whole. */
    update(mentorId: string | undefined, changes: MentorChanges): MentorProfileView {
      const mentor = requireMentor(mentorId);
      const fields = checked(changes);
      if (Object.keys(fields).length === 0) invalid('arguments', 'give at least one of name, bio, practices, photos, location_ids');
      const updated: Mentor = { ...mentor, ...fields, updatedAt: now() };
      storage.transaction(() => storage.mentors.save(updated));
      return view(updated);
    },

    addCertification(mentorId: string | undefined, input: CertificationInput): Certification {
      const mentor = requireMentor(mentorId);
      const thisYear = new Date(now() * 1000).getUTCFullYear();
      if (!Number.isInteger(input.year) || input.year < MENTOR_LIMITS.firstCertificationYear || input.year > thisYear) {
        invalid('year', `must be a year from ${MENTOR_LIMITS.firstCertificationYear} to ${thisYear}`);
      }
      const certification: Certification = {
        id: newId('cert'),
        mentorId: mentor.id,
        title: text('title', input.title, 1, MENTOR_LIMITS.certificationText),
        issuer: text('issuer', input.issuer, 1, MENTOR_LIMITS.certificationText),
        year: input.year,
      };
      storage.transaction(() => storage.certifications.insert(certification));
      return certification;
    },

    /** Removes one certification of the mentor; one that belongs to another mentor is refused, not removed. */
    removeCertification(mentorId: string | undefined, certificationId: string): { removed: string; mentorId: string } {
      const mentor = requireMentor(mentorId);
      const certification = storage.certifications.find(certificationId);
      if (!certification) throw new DomainError('not_found', `certification_id: there is no certification ${certificationId}. Nothing was changed.`);
      if (certification.mentorId !== mentor.id) {
        throw new DomainError(
          'wrong_mentor',
          `certification_id: ${certificationId} is not a certification of ${mentor.name} (${mentor.id}); pass the mentor_id it belongs to. Nothing was changed.`,
        );
      }
      storage.transaction(() => storage.certifications.delete(certificationId));
      return { removed: certificationId, mentorId: mentor.id };
    },
  };
}
export type MentorsService = ReturnType<typeof createMentorsService>;
