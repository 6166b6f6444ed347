import { DomainError } from '../errors.ts';
import type { StudioClass, ClassFilter, ClassMode, VideoProvider } from '../storage/classes-repo.ts';
import type { Page, PageRequest } from '../storage/paging.ts';
import type { Session, SessionFilter } from '../storage/sessions-repo.ts';
import { conflictChecker, type ConflictReport } from './calendar-conflicts.ts';
import type { DomainContext } from './context.ts';
import { sessionJoinUrl } from './join-url.ts';
import { queueClassMeetingSync, queueMeetingSync, queueMeetingSyncAll } from './meeting-queue.ts';
import { occurrences, parseRecurrence, type Schedule } from './recurrence.ts';
import { isIsoDate } from '../../shared/instant.ts';
import { isoInstant, isValidTimeZone, isWallTime, zonedParts } from './time.ts';

/** Sessions are kept materialized this far ahead for recurring classes. */
export const SCHEDULE_HORIZON_SECONDS = 12 * 7 * 24 * 60 * 60;

export interface SessionView {
  id: string;
  classId: string;
  classTitle: string;
  startsAt: string;
  endsAt: string;
  /** Wall-clock start in the class's zone, YYYY-MM-DD HH:MM. */
  localStart: string;
  timezone: string;
  status: Session['status'];
  booked: number;
  capacity: number;
  spotsLeft: number;
  /** Online classes: the Meet or Zoom link, once the background sync made it. */
  joinUrl: string | null;
}

export interface ClassView {
  id: string;
  title: string;
  practice: string;
  description: string;
  mentor: { id: string; name: string } | null;
  capacity: number;
  priceCents: number;
  currency: string;
  durationMinutes: number;
  mode: ClassMode;
  location: { id: string; name: string; city: string } | null;
  videoProvider: VideoProvider | null;
  schedule: { startDate: string; startTime: string; timezone: string; recurrence: string | null };
  nextSession: SessionView | null;
}

export interface ClassInput {
  title: string;
  practice: string;
  description?: string | undefined;
  mentorId?: string | null | undefined;
  timezone: string;
  capacity: number;
  priceCents: number;
  durationMinutes: number;
  mode: ClassMode;
  locationId?: string | null | undefined;
  videoProvider?: VideoProvider | null | undefined;
  startDate: string;
  startTime: string;
  recurrence?: string | null | undefined;
}

export type ClassChanges = Partial<Pick<ClassInput, 'title' | 'practice' | 'description' | 'mentorId' | 'capacity' | 'priceCents' | 'durationMinutes' | 'mode' | 'locationId' | 'videoProvider'>>;
export type ScheduleChanges = Partial<Pick<ClassInput, 'startDate' | 'startTime' | 'timezone' | 'recurrence'>>;

export interface MovedSession {
  sessionId: string;
  from: string;
  to: string;
  bookings: number;
}

/** Classes and their schedules: the rules hold exactly as in the owner's own UI (docs/product.md#every-request-is-checked). */
export function createClassesService({ storage, now, newId, clock }: DomainContext) {
  const currency = () => storage.studio.get()?.currency ?? 'EUR';

  function requireClass(id: string): StudioClass {
    const found = storage.classes.find(id);
    if (!found) throw new DomainError('not_found', `There is no class ${id}.`);
    return found;
  }

  function sessionView(session: Session, cls: StudioClass): SessionView {
    const booked = storage.bookings.countLive(session.id);
    const local = zonedParts(session.startsAt, cls.timezone);
    return {
      id: session.id,
      classId: cls.id,
      classTitle: cls.title,
      startsAt: isoInstant(session.startsAt),
      endsAt: isoInstant(session.endsAt),
      localStart: `${local.date} ${local.time}`,
      timezone: cls.timezone,
      status: session.status,
      booked,
      capacity: cls.capacity,
      spotsLeft: session.status === 'scheduled' ? Math.max(0, cls.capacity - booked) : 0,
      joinUrl: sessionJoinUrl(storage, session, cls),
    };
  }

  function classView(cls: StudioClass): ClassView {
    const mentor = cls.mentorId ? storage.mentors.find(cls.mentorId) : undefined;
    const location = cls.locationId ? storage.locations.find(cls.locationId) : undefined;
    const next = storage.sessions.forClass(cls.id, now()).find((s) => s.status === 'scheduled');
    return {
      id: cls.id,
      title: cls.title,
      practice: cls.practice,
      description: cls.description,
      mentor: mentor ? { id: mentor.id, name: mentor.name } : null,
      capacity: cls.capacity,
      priceCents: cls.priceCents,
      currency: currency(),
      durationMinutes: cls.durationMinutes,
      mode: cls.mode,
      location: location ? { id: location.id, name: location.name, city: location.city } : null,
      videoProvider: cls.videoProvider,
      schedule: { startDate: cls.startDate, startTime: cls.startTime, timezone: cls.timezone, recurrence: cls.recurrence },
      nextSession: next ? sessionView(next, cls) : null,
    };
  }

  /** Checks the parts that zod cannot: time zone, calendar date, rule, references, mode consistency. */
  function validate(cls: StudioClass): void {
    if (!isValidTimeZone(cls.timezone)) throw new DomainError('invalid_input', `timezone: "${cls.timezone}" is not an IANA time zone (e.g. Europe/Stockholm).`);
    if (!isIsoDate(cls.startDate)) throw new DomainError('invalid_input', `start_date: "${cls.startDate}" is not a calendar date (YYYY-MM-DD).`);
    if (!isWallTime(cls.startTime)) throw new DomainError('invalid_input', `start_time: "${cls.startTime}" is not a time (HH:MM, 24-hour).`);
    if (cls.recurrence) parseRecurrence(cls.recurrence);
    if (cls.mentorId && !storage.mentors.find(cls.mentorId)) throw new DomainError('not_found', `mentor_id: there is no mentor ${cls.mentorId}.`);
    if (cls.mode === 'in_person') {
      if (!cls.locationId) throw new DomainError('invalid_input', 'location_id: an in-person class needs a location.');
      if (!storage.locations.find(cls.locationId)) throw new DomainError('not_found', `location_id: there is no location ${cls.locationId}.`);
      if (cls.videoProvider) throw new DomainError('invalid_input', 'video_provider: only online classes have a video provider.');
    } else {
      if (!cls.videoProvider) throw new DomainError('invalid_input', 'video_provider: an online class needs google_meet or zoom.');
      if (cls.locationId) throw new DomainError('invalid_input', 'location_id: an online class has no location.');
    }
  }

  function scheduleOf(cls: StudioClass): Schedule {
    return { startDate: cls.startDate, startTime: cls.startTime, timezone: cls.timezone, recurrence: cls.recurrence };
  }

  /** Adds the sessions the schedule has after the last materialized one, up to the horizon. */
  function materialize(cls: StudioClass): number {
    const last = storage.sessions.lastStart(cls.id);
    let added = 0;
    for (const startsAt of occurrences(scheduleOf(cls), now() + SCHEDULE_HORIZON_SECONDS)) {
      if (last !== null && startsAt <= last) continue;
      storage.sessions.insert({ id: newId('ses'), classId: cls.id, startsAt, endsAt: startsAt + cls.durationMinutes * 60, status: 'scheduled' });
      added++;
    }
    return added;
  }

  return {
    view: classView,
    sessionView(sessionId: string): SessionView {
      const session = storage.sessions.find(sessionId);
      if (!session) throw new DomainError('not_found', `There is no session ${sessionId}.`);
      return sessionView(session, requireClass(session.classId));
    },

    list(filter: ClassFilter, page: PageRequest): Page<ClassView> {
      const result = storage.classes.list(filter, page);
      return { ...result, items: result.items.map(classView) };
    },

    get(id: string, upcoming = 10): ClassView & { upcomingSessions: SessionView[] } {
      const cls = requireClass(id);
      const sessions = storage.sessions.forClass(id, now()).slice(0, upcoming);
      return { ...classView(cls), upcomingSessions: sessions.map((s) => sessionView(s, cls)) };
    },

    listSessions(filter: SessionFilter, page: PageRequest): Page<SessionView> {
      const result = storage.sessions.list(filter, page);
      const classes = new Map<string, StudioClass>();
      return {
        ...result,
        items: result.items.map((s) => {
          const cls = classes.get(s.classId) ?? requireClass(s.classId);
          classes.set(cls.id, cls);
          return sessionView(s, cls);
        }),
      };
    },

    /** Creates the class and its sessions; the result warns of sessions on busy times of connected calendars. */
    create(input: ClassInput): ClassView & { sessionsCreated: number } & ConflictReport {
      const at = now();
      const conflicts = conflictChecker(storage, at);
      const cls: StudioClass = {
        id: newId('cls'),
        title: input.title,
        practice: input.practice,
        description: input.description ?? '',
        mentorId: input.mentorId ?? null,
        timezone: input.timezone,
        capacity: input.capacity,
        priceCents: input.priceCents,
        durationMinutes: input.durationMinutes,
        mode: input.mode,
        locationId: input.locationId ?? null,
        videoProvider: input.videoProvider ?? null,
        startDate: input.startDate,
        startTime: input.startTime,
        recurrence: input.recurrence ?? null,
        createdAt: at,
        updatedAt: at,
      };
      validate(cls);
      const sessionsCreated = storage.transaction(() => {
        storage.classes.insert(cls);
        const added = materialize(cls);
        if (added === 0) {
          throw new DomainError('invalid_input', 'start_date: the schedule has no session before 12 weeks from now; check start_date and recurrence. Nothing was created.');
        }
        return added;
      });
      return { ...classView(cls), sessionsCreated, ...conflicts(storage.sessions.forClass(cls.id), cls.timezone) };
    },

    /** Changes what the class is. Capacity may not go below the confirmed bookings of any upcoming session. */
    update(id: string, changes: ClassChanges): ClassView {
      const cls = requireClass(id);
      const updated: StudioClass = {
        ...cls,
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        updatedAt: now(),
      };
      if (changes.mode === 'online' && changes.locationId === undefined) updated.locationId = null;
      if (changes.mode === 'in_person' && changes.videoProvider === undefined) updated.videoProvider = null;
      validate(updated);
      const floor = storage.bookings.maxConfirmedUpcoming(id, now());
      if (updated.capacity < floor) {
        throw new DomainError('capacity_below_bookings', `capacity: an upcoming session already has ${floor} confirmed bookings, so capacity cannot go below ${floor}. Nothing was changed.`);
      }
      storage.transaction(() => {
        const nowMs = clock.nowMs();
        storage.classes.save(updated);
        queueClassMeetingSync(storage, id, nowMs); // a meeting carries the class's title, and lives on its provider
        if (updated.durationMinutes !== cls.durationMinutes) {
          for (const s of storage.sessions.forClass(id, now())) {
            storage.sessions.move(s.id, s.startsAt, s.startsAt + updated.durationMinutes * 60);
            queueMeetingSync(storage, s.id, nowMs);
          }
        }
      });
      return classView(updated);
    },

    /**
     * Moves the class's upcoming sessions to a new schedule, in order: each upcoming session keeps its id
     * and its bookings and gets the next new time. Past sessions stay where they were. A change that would
     * drop an upcoming session holding bookings is refused.
     */
    reschedule(id: string, changes: ScheduleChanges): ClassView & { moved: MovedSession[]; added: number; removed: number } & ConflictReport {
      const cls = requireClass(id);
      const at = now();
      const conflicts = conflictChecker(storage, at);
      const updated: StudioClass = { ...cls, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), updatedAt: at };
      if (changes.recurrence === null) updated.recurrence = null;
      validate(updated);
      const upcoming = storage.sessions.forClass(id, at);
      const times = occurrences(scheduleOf(updated), at + SCHEDULE_HORIZON_SECONDS).filter((t) => t >= at);
      const dropped = upcoming.slice(times.length).filter((s) => storage.bookings.countLive(s.id) > 0);
      if (dropped.length) {
        throw new DomainError(
          'reschedule_drops_bookings',
          `The new schedule has ${times.length} upcoming sessions where there are ${upcoming.length}, and ${dropped.length} of those that would go hold bookings (first: ${isoInstant(dropped[0]?.startsAt ?? 0)}). Cancel or move those bookings first. Nothing was changed.`,
        );
      }
      const moved: MovedSession[] = [];
      const result = storage.transaction(() => {
        storage.classes.save(updated);
        queueClassMeetingSync(storage, id, at * 1000);
        upcoming.forEach((session, i) => {
          const to = times[i];
          if (to === undefined) {
            storage.sessions.delete(session.id);
            queueMeetingSync(storage, session.id, at * 1000);
            return;
          }
          if (to !== session.startsAt || session.endsAt - session.startsAt !== updated.durationMinutes * 60) {
            storage.sessions.move(session.id, to, to + updated.durationMinutes * 60);
            queueMeetingSync(storage, session.id, at * 1000);
            moved.push({ sessionId: session.id, from: isoInstant(session.startsAt), to: isoInstant(to), bookings: storage.bookings.countLive(session.id) });
          }
        });
        return { added: materialize(updated), removed: Math.max(0, upcoming.length - times.length) };
      });
      return { ...classView(updated), moved, ...result, ...conflicts(storage.sessions.forClass(id, at), updated.timezone) };
    },

    /** Cancels one occurrence and every live booking on it. */
    cancelSession(sessionId: string): SessionView & { cancelledBookings: string[] } {
      const session = storage.sessions.find(sessionId);
      if (!session) throw new DomainError('not_found', `There is no session ${sessionId}.`);
      if (session.status === 'cancelled') throw new DomainError('already_cancelled', 'This session is already cancelled. Nothing was changed.');
      if (session.startsAt < now()) throw new DomainError('session_in_past', 'This session has already started; it cannot be cancelled. Nothing was changed.');
      const cls = requireClass(session.classId);
      const bookings = storage.bookings.liveForSession(sessionId);
      storage.transaction(() => {
        storage.sessions.setStatus(sessionId, 'cancelled');
        for (const b of bookings) storage.bookings.setStatus(b.id, 'cancelled', now());
        queueMeetingSync(storage, sessionId, clock.nowMs());
      });
      return { ...sessionView({ ...session, status: 'cancelled' }, cls), cancelledBookings: bookings.map((b) => b.id) };
    },

    /** Permanent deletion (delete:classes): refused while upcoming sessions hold live bookings. */
    delete(id: string): { deleted: string; sessionsDeleted: number } {
      requireClass(id);
      const live = storage.bookings.liveUpcomingForClass(id, now());
      if (live > 0) {
        throw new DomainError('class_has_bookings', `This class has ${live} live bookings on upcoming sessions; cancel them first. Nothing was deleted.`);
      }
      const sessions = storage.sessions.forClass(id);
      storage.transaction(() => {
        storage.classes.delete(id); // and its sessions and their bookings
        queueMeetingSyncAll(storage, sessions.map((s) => s.id), clock.nowMs()); // those that had a meeting: it goes
      });
      return { deleted: id, sessionsDeleted: sessions.length };
    },

    /** Keeps every recurring class materialized up to the horizon (run at start and daily). */
    extendSchedules(): number {
      return storage.transaction(() => storage.classes.all().reduce((sum, cls) => sum + (cls.recurrence ? materialize(cls) : 0), 0));
    },
  };
}
export type ClassesService = ReturnType<typeof createClassesService>;
