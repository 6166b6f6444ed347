import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { cents, id, instant, isoDate, shortText, timeZone, toCamelCase, wallTime } from './common.ts';
import { byId, pagedList, someOf } from './shapes.ts';
import { changedFields, classTitle, counted, day, deed, listed, named, say, sessionNamed } from './words.ts';

const mode = z.enum(['in_person', 'online']);
const videoProvider = z.enum(['google_meet', 'zoom']);
const recurrence = z.string().max(200).describe('RFC 5545 RRULE, weekly or daily: e.g. FREQ=WEEKLY;BYDAY=MO,WE or FREQ=WEEKLY;BYDAY=SA;COUNT=8');
const onClass = byId('class_id', 'Class');
const onSession = byId('session_id', 'Session');

export const classTools = [
  pagedList('classes', {
    name: 'list_classes',
    title: 'List classes',
    description: 'Lists the classes the studio hosts, with schedule, capacity, price and the next session. Filter by practice, mentor, location, mode or text; paged.',
    scopes: ['read:classes'],
    counted: { did: 'looked at your classes' },
    filters: {
      practice: z.string().max(60).optional().describe('e.g. yoga, pilates (case-insensitive)'),
      mentor_id: id('Mentor').optional(),
      location_id: id('Location').optional(),
      mode: mode.optional(),
      query: z.string().max(100).optional().describe('Text in the title or description'),
    },
    list: (f, page, { services }) =>
      services.classes.list({ practice: f.practice, mentorId: f.mentor_id, locationId: f.location_id, mode: f.mode, text: f.query }, page),
  }),
  onClass({
    name: 'get_class',
    title: 'Get a class',
    description: 'Returns one class with its next 10 sessions (times in UTC and in the class time zone, places booked and left).',
    scopes: ['read:classes'],
    counted: { did: 'looked at your classes' },
    run: (classId, { services }) => services.classes.get(classId),
    describe: (classId, services) => {
      const title = classTitle(services, classId);
      return title === undefined ? undefined : deed(say`Look at the class ${named(title)}`, `looked at the class ${title}`);
    },
  }),
  pagedList('sessions', {
    name: 'list_sessions',
    title: 'List sessions',
    description: 'Lists scheduled occurrences (sessions) of classes in a time range, soonest first, with places booked and left.',
    scopes: ['read:classes'],
    counted: { did: 'looked at your classes' },
    filters: {
      class_id: id('Class').optional(),
      from: instant.optional().describe('Start of the range (default: now)'),
      to: instant.optional().describe('End of the range, exclusive'),
      status: z.enum(['scheduled', 'cancelled']).optional(),
    },
    list: (f, page, { services }) => services.classes.listSessions({ classId: f.class_id, from: f.from ?? services.now(), to: f.to, status: f.status }, page),
  }),
  defineTool({
    name: 'create_class',
    title: 'Create a class',
    description:
      'Creates a class and its sessions for the coming 12 weeks. In-person classes need location_id; online classes need video_provider. ' +
      'Times are wall-clock times in the class time zone. The result lists sessions that fall on busy times of a connected Google or Apple calendar (calendar_conflicts, naming the calendar).',
    scopes: ['write:classes'],
    counted: { did: 'created', one: 'class', many: 'classes' },
    input: z
      .object({
        title: shortText(120),
        practice: shortText(60).describe('e.g. yoga, pilates, barre, meditation'),
        description: z.string().max(4000).optional(),
        mentor_id: id('Mentor').optional(),
        timezone: timeZone,
        capacity: z.number().int().min(1).max(500),
        price_cents: cents.describe('Price per session in the studio currency, in cents'),
        duration_minutes: z.number().int().min(5).max(720),
        mode,
        location_id: id('Location').optional(),
        video_provider: videoProvider.optional(),
        start_date: isoDate.describe('First day, YYYY-MM-DD in the class time zone'),
        start_time: wallTime.describe('HH:MM in the class time zone'),
        recurrence: recurrence.optional().describe('RRULE; omit for a one-off session'),
      })
      .strict(),
    handler: (a, { services }) => services.classes.create(toCamelCase(a)),
    describe: (a) => {
      const repeats = a.recurrence ? 'repeating' : 'once';
      return deed(say`Create the class ${named(a.title)} (${a.practice}), ${repeats}, from ${day(a.start_date)} at ${a.start_time}`, `created the class ${a.title}`);
    },
  }),
  defineTool({
    name: 'update_class',
    title: 'Update a class',
    description:
      'Changes a class: title, practice, description, mentor, capacity, price, duration, or mode and place. Capacity cannot go below the confirmed bookings of an upcoming session. ' +
      'To change when it happens, use reschedule_class.',
    scopes: ['write:classes'],
    counted: { did: 'changed', one: 'class', many: 'classes' },
    input: z
      .object({
        class_id: id('Class'),
        title: shortText(120).optional(),
        practice: shortText(60).optional(),
        description: z.string().max(4000).optional(),
        mentor_id: id('Mentor').nullable().optional().describe('null removes the mentor'),
        capacity: z.number().int().min(1).max(500).optional(),
        price_cents: cents.optional(),
        duration_minutes: z.number().int().min(5).max(720).optional(),
        mode: mode.optional(),
        location_id: id('Location').nullable().optional(),
        video_provider: videoProvider.nullable().optional(),
      })
      .strict(),
    handler: ({ class_id, ...changes }, { services }) => services.classes.update(class_id, toCamelCase(changes)),
    describe: ({ class_id, ...changes }, services) => {
      const title = classTitle(services, class_id);
      const fields = changedFields(changes, { price_cents: 'price', duration_minutes: 'length', location_id: 'place', video_provider: 'video provider' });
      return title === undefined ? undefined : deed(say`Change the class ${named(title)}: ${fields}`, `changed the class ${title} (${fields})`);
    },
  }),
  defineTool({
    name: 'reschedule_class',
    title: 'Reschedule a class',
    description:
      "Moves a class's upcoming sessions to a new start time, days or time zone. Bookings move with their sessions; the result lists every session that moved (from, to, bookings). " +
      'Refused if the new schedule would drop a session that holds bookings. Calendar events and Zoom meetings move with their sessions; calendar_conflicts lists sessions on busy times of a connected calendar.',
    scopes: ['write:classes'],
    counted: { did: 'rescheduled', one: 'class', many: 'classes' },
    input: z
      .object({
        class_id: id('Class'),
        start_time: wallTime.optional(),
        start_date: isoDate.optional(),
        timezone: timeZone.optional(),
        recurrence: recurrence.nullable().optional().describe('New RRULE; null makes it a one-off'),
      })
      .strict()
      .apply(someOf, ['start_time', 'start_date', 'timezone', 'recurrence']),
    handler: ({ class_id, ...changes }, { services }) => services.classes.reschedule(class_id, toCamelCase(changes)),
    describe: ({ class_id, ...changes }, services) => {
      const title = classTitle(services, class_id);
      if (title === undefined) return undefined;
      const sessions = services.storage.sessions.forClass(class_id, services.now()).filter((s) => s.status === 'scheduled');
      const bookings = sessions.reduce((sum, s) => sum + services.storage.bookings.countLive(s.id), 0);
      const to = [changes.start_date && `from ${day(changes.start_date)}`, changes.start_time && `at ${changes.start_time}`, changes.timezone && `in ${changes.timezone}`]
        .filter(Boolean)
        .join(' ');
      const moving = `${counted(sessions.length, 'upcoming session', 'upcoming sessions')} and ${counted(bookings, 'booking', 'bookings')} move`;
      return deed(say`Reschedule ${named(title)}${to ? ` ${to}` : ''} — ${moving}`, `rescheduled ${title}${to ? ` ${to}` : ''}`);
    },
  }),
  onSession({
    name: 'cancel_session',
    title: 'Cancel a session',
    description: 'Cancels one upcoming occurrence of a class and every booking on it; the result lists the cancelled bookings.',
    scopes: ['write:classes'],
    counted: { did: 'cancelled', one: 'session', many: 'sessions' },
    run: (sessionId, { services }) => services.classes.cancelSession(sessionId),
    describe: (sessionId, services) => {
      const session = sessionNamed(services, sessionId);
      if (!session) return undefined;
      const bookings = counted(services.storage.bookings.countLive(sessionId), 'booking', 'bookings');
      return deed(
        say`Cancel the ${named(session.title)} session on ${named(session.at)} — ${bookings} cancelled with it`,
        `cancelled the ${session.title} session on ${session.at} with ${bookings}`,
      );
    },
  }),
  onClass({
    name: 'delete_class',
    title: 'Delete a class',
    description: 'Permanently deletes a class with all its sessions and past bookings. Refused while upcoming sessions hold bookings.',
    scopes: ['delete:classes'],
    counted: { did: 'deleted', one: 'class', many: 'classes' },
    run: (classId, { services }) => services.classes.delete(classId),
    describe: (classId, services) => {
      const title = classTitle(services, classId);
      if (title === undefined) return undefined;
      const sessions = counted(services.storage.sessions.forClass(classId).length, 'session', 'sessions');
      const bookings = counted(services.storage.bookings.list({ classId }, { limit: 10_000 }).items.length, 'booking', 'bookings');
      return deed(say`Delete the class ${named(title)} — ${listed([sessions, bookings])}`, `deleted the class ${title} with ${listed([sessions, bookings])}`);
    },
  }),
];
