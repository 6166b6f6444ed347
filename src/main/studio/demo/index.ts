import type { Storage } from '../../storage/index.ts';
import type { Booking } from '../../storage/bookings-repo.ts';
import { createClassesService } from '../classes.ts';
import { queueMeetingSyncAll } from '../meeting-queue.ts';
import { addDays, zonedParts } from '../time.ts';
import { isWorkspaceInitialized, markWorkspaceInitialized } from '../workspace-file.ts';
import {
  ADD_ONS,
  CLIENT_NOTES,
  CLIENT_TAGS,
  DEMO_CLASSES,
  DEMO_HOME,
  DEMO_LOCATIONS,
  DEMO_MENTORS,
  DEMO_STUDIO,
  DIRECTORY_CITIES,
  DIRECTORY_PRACTICES,
  DIRECTORY_STUDIO_NAMES,
  DIRECTORY_STUDIO_WORDS,
  EXPENSES_PER_MONTH,
  FIRST_NAMES,
  LAST_NAMES,
  OCCASIONAL_EXPENSES,
  OTHER_EARNINGS,
  REVIEW_RESPONSES,
  REVIEW_TEXTS,
  THREADS,
} from './content.ts';
import { seededRandom, type SeededRandom } from './random.ts';

export const DEMO_SEED = 20_261_122;
const DAY = 24 * 60 * 60;
/** A quarter of history before today, as docs/product.md#workspace asks ("a quarter of earnings and expenses"). */
const HISTORY_DAYS = 91;

export interface DemoSummary {
  classes: number;
  sessions: number;
  clients: number;
  bookings: number;
  reviews: number;
  threads: number;
  earnings: number;
  expenses: number;
  directory: number;
}

/**
 * Fills an empty workspace with the demo studio: deterministic for a seed and a day (everything is drawn from
 * the seed, and "now" is taken at the start of the UTC day). Does nothing to a workspace that was ever filled
 * or wiped.
 */
export function seedDemoWorkspace(storage: Storage, options: { now: number; seed?: number }): DemoSummary | null {
  if (isWorkspaceInitialized(storage)) return null;
  const random = seededRandom(options.seed ?? DEMO_SEED);
  const today = Math.floor(options.now / DAY) * DAY;
  return storage.transaction(() => {
    storage.settings.set('subscription.tier', 'pro');
    markWorkspaceInitialized(storage, 'demo');
    seedStudio(storage, today);
    const classes = createClassesService({ storage, now: () => today, clock: { nowMs: () => today * 1000 }, newId: random.id });
    const sessions = seedClasses(storage, classes, today);
    const clientIds = seedClients(storage, random, today);
    const bookings = seedBookings(storage, random, clientIds, today);
    queueMeetingSyncAll(storage, bookings.map((b) => b.sessionId), options.now * 1000); // as bookings made by hand would
    const earnings = seedEarnings(storage, random, bookings, today);
    const expenses = seedExpenses(storage, random, today);
    return {
      classes: DEMO_CLASSES.length,
      sessions,
      clients: clientIds.length,
      bookings: bookings.length,
      reviews: seedReviews(storage, random, today),
      threads: seedThreads(storage, random, clientIds, today),
      earnings,
      expenses,
      directory: seedDirectory(storage, random),
    };
  });
}

function seedStudio(storage: Storage, today: number): void {
  storage.studio.save({ ...DEMO_STUDIO, updatedAt: today });
  const owner = storage.owner.get();
  if (owner) storage.owner.update(owner.id, { name: owner.name, settings: { ...owner.settings, week_starts_on: 'monday' }, home: DEMO_HOME, updatedAt: today });
  for (const location of DEMO_LOCATIONS) storage.locations.insert({ ...location, createdAt: today - HISTORY_DAYS * DAY });
  for (const { certifications, ...mentor } of DEMO_MENTORS) {
    storage.mentors.insert({ ...mentor, practices: [...mentor.practices], locationIds: [...mentor.locationIds], photos: [`https://lotusloft.example/mentors/${mentor.id}.jpg`], updatedAt: today });
    certifications.forEach((c, i) => storage.certifications.insert({ id: `cert_${mentor.id.slice(4)}_${i + 1}`, mentorId: mentor.id, ...c }));
  }
}

function seedClasses(storage: Storage, classes: ReturnType<typeof createClassesService>, today: number): number {
  for (const c of DEMO_CLASSES) {
    const startDate = addDays(zonedParts(today, c.timezone).date, -HISTORY_DAYS);
    storage.classes.insert({ ...c, startDate, createdAt: today - HISTORY_DAYS * DAY, updatedAt: today - HISTORY_DAYS * DAY });
  }
  return classes.extendSchedules();
}

function seedClients(storage: Storage, random: SeededRandom, today: number): string[] {
  const ids: string[] = [];
  const used = new Set<string>();
  while (ids.length < 60) {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    if (used.has(name)) continue;
    used.add(name);
    const id = random.id('cli');
    const tags = [...new Set([random.pick(CLIENT_TAGS), ...(random.chance(0.3) ? [random.pick(CLIENT_TAGS)] : [])])];
    storage.customers.insert({
      id,
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@mail.example`,
      phone: random.chance(0.6) ? `+${random.pick(['46', '351'])} ${random.int(600, 799)} ${random.int(100, 999)} ${random.int(100, 999)}` : null,
      notes: random.pick(CLIENT_NOTES),
      tags,
      createdAt: today - random.int(95, 700) * DAY,
    });
    ids.push(id);
  }
  return ids;
}

/**
 * About 200 bookings: most on past sessions (confirmed and mostly paid, a few cancelled), the rest upcoming
 * (pending or confirmed). Capacity and one-booking-per-client rules hold, and the next Reformer Duet is
 * exactly full, so a full session is always there to try.
 */
function seedBookings(storage: Storage, random: SeededRandom, clientIds: string[], today: number): Booking[] {
  const horizon = today + 21 * DAY;
  const bookings: Booking[] = [];
  const book = (sessionId: string, priceCents: number, startsAt: number, count: number) => {
    const taken = new Set<string>();
    for (let i = 0; i < count; i++) {
      let clientId = random.pick(clientIds);
      while (taken.has(clientId)) clientId = random.pick(clientIds);
      taken.add(clientId);
      const past = startsAt < today;
      const cancelled = random.chance(0.08);
      const status = cancelled ? 'cancelled' : past ? 'confirmed' : random.chance(0.3) ? 'pending' : 'confirmed';
      const booking: Booking = {
        id: random.id('bkg'),
        sessionId,
        clientId,
        status,
        paid: status === 'confirmed' && (past ? random.chance(0.85) : random.chance(0.2)),
        priceCents,
        addOns: random.chance(0.15) ? [random.pick(ADD_ONS)] : [],
        createdAt: Math.min(startsAt, today) - random.int(1, 10) * DAY,
        cancelledAt: cancelled ? Math.min(startsAt, today) - random.int(0, 1) * DAY : null,
      };
      storage.bookings.insert(booking);
      bookings.push(booking);
    }
  };
  let fullDuet = false;
  for (const cls of DEMO_CLASSES) {
    for (const session of storage.sessions.forClass(cls.id)) {
      if (session.startsAt >= horizon) break;
      if (cls.id === 'cls_reformer_duet' && !fullDuet && session.startsAt > today) {
        fullDuet = true;
        book(session.id, cls.priceCents, session.startsAt, 0);
        for (const clientId of clientIds.slice(0, cls.capacity)) {
          const booking: Booking = { id: random.id('bkg'), sessionId: session.id, clientId, status: 'confirmed', paid: false, priceCents: cls.priceCents, addOns: [], createdAt: today - DAY, cancelledAt: null };
          storage.bookings.insert(booking);
          bookings.push(booking);
        }
        continue;
      }
      const count = random.chance(0.42) ? Math.min(cls.capacity, random.int(1, 2)) : 0;
      if (count) book(session.id, cls.priceCents, session.startsAt, count);
    }
  }
  return bookings;
}

function dateOf(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

function seedEarnings(storage: Storage, random: SeededRandom, bookings: Booking[], today: number): number {
  let count = 0;
  for (const booking of bookings.filter((b) => b.paid)) {
    const session = storage.sessions.find(booking.sessionId);
    const cls = session && storage.classes.find(session.classId);
    const client = storage.customers.find(booking.clientId);
    if (!session || !cls || !client) continue;
    storage.earnings.insert({ id: random.id('ern'), bookingId: booking.id, amountCents: booking.priceCents, category: 'classes', description: `${cls.title}: ${client.name}`, earnedOn: dateOf(Math.min(session.startsAt, today)) });
    count++;
  }
  for (const [i, other] of OTHER_EARNINGS.entries()) {
    storage.earnings.insert({ id: random.id('ern'), bookingId: null, ...other, earnedOn: dateOf(today - (10 + i * 19) * DAY) });
    count++;
  }
  return count;
}

function seedExpenses(storage: Storage, random: SeededRandom, today: number): number {
  let count = 0;
  for (let month = 0; month < 3; month++) {
    for (const expense of EXPENSES_PER_MONTH) {
      storage.expenses.insert({ id: random.id('exp'), ...expense, spentOn: dateOf(today - (month * 30 + 2) * DAY), createdAt: today - (month * 30 + 2) * DAY });
      count++;
    }
  }
  for (const [i, expense] of OCCASIONAL_EXPENSES.entries()) {
    storage.expenses.insert({ id: random.id('exp'), ...expense, spentOn: dateOf(today - (7 + i * 17) * DAY), createdAt: today - (7 + i * 17) * DAY });
    count++;
  }
  return count;
}

function seedReviews(storage: Storage, random: SeededRandom, today: number): number {
  const count = 30;
  for (let i = 0; i < count; i++) {
    const [rating, body] = REVIEW_TEXTS[i % REVIEW_TEXTS.length] as [number, string];
    const cls = random.pick(DEMO_CLASSES);
    const createdAt = today - random.int(1, HISTORY_DAYS) * DAY;
    const responded = random.chance(0.4);
    storage.reviews.insert({
      id: random.id('rev'),
      classId: cls.id,
      mentorId: cls.mentorId,
      authorName: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES).charAt(0)}.`,
      rating,
      body,
      createdAt,
      response: responded ? random.pick(REVIEW_RESPONSES) : null,
      respondedAt: responded ? createdAt + DAY : null,
    });
  }
  return count;
}

function seedThreads(storage: Storage, random: SeededRandom, clientIds: string[], today: number): number {
  for (const [i, template] of THREADS.entries()) {
    const clientId = template.inquiry ? null : random.pick(clientIds);
    const counterpart = clientId ? (storage.customers.find(clientId)?.name ?? 'Client') : `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    const start = today - (2 + i * 6) * DAY;
    const id = random.id('thr');
    storage.threads.insert({ id, clientId, counterpart, subject: template.subject, createdAt: start, updatedAt: start + (template.messages.length - 1) * 3600 });
    template.messages.forEach((body, j) =>
      storage.messages.insert({ id: random.id('msg'), threadId: id, direction: j % 2 === 0 ? 'inbound' : 'outbound', body, sentAt: start + j * 3600 }),
    );
  }
  return THREADS.length;
}

function seedDirectory(storage: Storage, random: SeededRandom): number {
  const count = 100;
  for (let i = 0; i < count; i++) {
    const place = random.pick(DIRECTORY_CITIES);
    const kind = random.pick(['mentor', 'studio', 'class'] as const);
    const practices = [...new Set([random.pick(DIRECTORY_PRACTICES), random.pick(DIRECTORY_PRACTICES)])];
    const studio = `${random.pick(DIRECTORY_STUDIO_NAMES)} ${random.pick(DIRECTORY_STUDIO_WORDS)}`;
    const name =
      kind === 'mentor' ? `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}` : kind === 'studio' ? `${studio} ${place.city}` : `${practices[0]?.replace(/^./, (c) => c.toUpperCase())} at ${studio}`;
    storage.directory.insert({
      id: `dir_${String(i + 1).padStart(3, '0')}`,
      kind,
      name,
      practices,
      city: place.city,
      country: place.country,
      lat: Number((place.lat + (random.next() - 0.5) * 0.12).toFixed(5)),
      lng: Number((place.lng + (random.next() - 0.5) * 0.2).toFixed(5)),
      summary: `${kind === 'mentor' ? 'Teaches' : kind === 'studio' ? 'Offers' : 'Weekly'} ${practices.join(' and ')} in ${place.city}.`,
      rating: random.chance(0.8) ? Math.round((3.5 + random.next() * 1.5) * 10) / 10 : null,
      url: `https://directory.example/${kind}/${i + 1}`,
    });
  }
  return count;
}
