import { z } from 'zod';
import { parseRecurrence } from './recurrence.ts';
import { isIsoDate } from '../../shared/instant.ts';
import { isValidTimeZone, isWallTime } from './time.ts';
import { TIERS } from './tier.ts';

/**
 * The workspace file: every studio record, as JSON. Version 1. The shapes mirror the repositories' models;
 * what SQLite checks on insert (references, uniqueness, ranges) is checked again there.
 */
export const WORKSPACE_FORMAT = 'studio-gateway-workspace';
export const WORKSPACE_VERSION = 1;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const epoch = z.number().int().min(0).max(32_503_680_000);
const date = z.string().refine(isIsoDate, 'must be a calendar date written YYYY-MM-DD');
const timezone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Stockholm');
const recurrence = z
  .string()
  .max(200)
  .refine((rule) => {
    try {
      parseRecurrence(rule);
      return true;
    } catch {
      return false;
    }
  }, 'must be a supported RRULE (FREQ=WEEKLY or DAILY with INTERVAL, BYDAY, COUNT or UNTIL)');
const strings = (max: number) => z.array(text(200)).max(max);

const studio = z.strictObject({
  name: text(200).min(1),
  tagline: text(300),
  description: text(4000),
  website: text(300).nullable(),
  email: text(200).nullable(),
  phone: text(60).nullable(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  updatedAt: epoch,
});

const location = z.strictObject({
  id,
  name: text(200).min(1),
  address: text(300),
  city: text(120),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as SE'),
  timezone,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  createdAt: epoch,
});

const mentor = z.strictObject({
  id,
  name: text(200).min(1),
  bio: text(4000),
  practices: strings(12),
  photos: strings(10),
  locationIds: z.array(id).max(50),
  isOwner: z.boolean(),
  updatedAt: epoch,
});

const certification = z.strictObject({ id, mentorId: id, title: text(200).min(1), issuer: text(200), year: z.number().int().min(1950).max(2100) });

const studioClass = z.strictObject({
  id,
  title: text(120).min(1),
  practice: text(60).min(1),
  description: text(4000),
  mentorId: id.nullable(),
  timezone,
  capacity: z.number().int().min(1).max(500),
  priceCents: z.number().int().min(0),
  durationMinutes: z.number().int().min(5).max(720),
  mode: z.enum(['in_person', 'online']),
  locationId: id.nullable(),
  videoProvider: z.enum(['google_meet', 'zoom']).nullable(),
  startDate: date,
  startTime: z.string().refine(isWallTime, 'must be a 24-hour time written HH:MM'),
  recurrence: recurrence.nullable(),
  createdAt: epoch,
  updatedAt: epoch,
});

const session = z.strictObject({ id, classId: id, startsAt: epoch, endsAt: epoch, status: z.enum(['scheduled', 'cancelled']) });

const client = z.strictObject({
  id,
  name: text(200).min(1),
  email: text(200).nullable(),
  phone: text(60).nullable(),
  notes: text(10_000),
  tags: strings(30),
  createdAt: epoch,
});

const booking = z.strictObject({
  id,
  sessionId: id,
  clientId: id,
  status: z.enum(['pending', 'confirmed', 'cancelled']),
  paid: z.boolean(),
  priceCents: z.number().int().min(0),
  addOns: strings(10),
  createdAt: epoch,
  cancelledAt: epoch.nullable(),
});

const review = z.strictObject({
  id,
  classId: id.nullable(),
  mentorId: id.nullable(),
  authorName: text(200).min(1),
  rating: z.number().int().min(1).max(5),
  body: text(4000),
  createdAt: epoch,
  response: text(2000).nullable(),
  respondedAt: epoch.nullable(),
});

const thread = z.strictObject({ id, clientId: id.nullable(), counterpart: text(200).min(1), subject: text(300), createdAt: epoch, updatedAt: epoch });
const message = z.strictObject({ id, threadId: id, direction: z.enum(['inbound', 'outbound']), body: text(5000), sentAt: epoch });
const earning = z.strictObject({ id, bookingId: id.nullable(), amountCents: z.number().int(), category: text(40).min(1), description: text(300), earnedOn: date });
const expense = z.strictObject({ id, amountCents: z.number().int().min(1), category: text(40).min(1), description: text(300), spentOn: date, createdAt: epoch });
const directoryEntry = z.strictObject({
  id,
  kind: z.enum(['mentor', 'studio', 'class']),
  name: text(200).min(1),
  practices: strings(12),
  city: text(120),
  country: z.string().regex(/^[A-Z]{2}$/),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  summary: text(1000),
  rating: z.number().min(1).max(5).nullable(),
  url: text(300).nullable(),
});

const MAX_ROWS = 1_000_000;
const rows = <T extends z.ZodType>(schema: T) => z.array(schema).max(MAX_ROWS);

export const workspaceFileSchema = z.strictObject({
  format: z.literal(WORKSPACE_FORMAT),
  version: z.literal(WORKSPACE_VERSION),
  exportedAt: z.string(),
  subscriptionTier: z.enum(TIERS),
  studio: studio.nullable(),
  locations: rows(location),
  mentors: rows(mentor),
  certifications: rows(certification),
  classes: rows(studioClass),
  sessions: rows(session),
  clients: rows(client),
  bookings: rows(booking),
  reviews: rows(review),
  threads: rows(thread),
  messages: rows(message),
  earnings: rows(earning),
  expenses: rows(expense),
  directory: rows(directoryEntry),
});

export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;
