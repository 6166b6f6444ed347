import { z } from 'zod';
import type { ConnectionsOverview, ConnectionView } from '../../../shared/control-api.ts';
import { call, read, returns } from './define.ts';

const oauthProvider = z.enum(['google', 'zoom']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A provider endpoint: https, or http on this machine only (an emulator, a local proxy). */
const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((value) => value.startsWith('https:') || LOOPBACK_HOSTS.has(new URL(value).hostname), 'must be an https URL (http only on 127.0.0.1 or localhost)');

const configureApp = z
  .object({
    provider: oauthProvider,
    clientId: z.string().trim().min(1).max(300),
    clientSecret: z.string().trim().min(1).max(500).optional(),
    authorizeUrl: endpoint.optional(),
    tokenUrl: endpoint.optional(),
    revokeUrl: endpoint.optional(),
    apiBase: endpoint.optional(),
  })
  .strict();
const connect = z.object({ provider: oauthProvider }).strict();
const connectApple = z
  .object({
    email: z.email().max(200),
    /** The app-specific password, xxxx-xxxx-xxxx-xxxx (the format is checked with guidance in the error). */
    appPassword: z.string().max(100),
    /** The CalDAV server; iCloud's by default. */
    serverUrl: endpoint.optional(),
  })
  .strict();
const disconnect = z.object({ provider: z.enum(['google', 'apple', 'zoom']) }).strict();
const selectCalendar = z.object({ calendarId: z.string().min(1).max(300) }).strict();
const retryJob = z.object({ jobId: z.number().int().min(1) }).strict();

/** What providers/index.ts's control side takes. */
export interface ConnectionsInput {
  configureApp: z.output<typeof configureApp>;
  connect: z.output<typeof connect>;
  connectApple: z.output<typeof connectApple>;
  disconnect: z.output<typeof disconnect>;
  selectCalendar: z.output<typeof selectCalendar>;
  retryJob: z.output<typeof retryJob>;
}

/** Connections: Google Calendar and Meet, Apple Calendar, Zoom, and their background sync. */
export const connectionsCalls = {
  /** Providers, the calendar feed, background sync jobs and the keychain, as they are now. */
  'connections.list': read<ConnectionsOverview>(({ connections }) => connections.list()),

  /** The OAuth app the owner registered at Google or Zoom. An omitted clientSecret keeps the saved one. */
  'connections.configureApp': call({
    input: configureApp,
    output: returns<ConnectionView>(),
    audit: { sensitive: ['clientSecret'] },
    handler: (input, { connections }) => connections.configureApp(input),
  }),

  /** Starts connecting Google or Zoom: the result is the provider's sign-in page for the owner's browser. */
  'connections.connect': call({
    input: connect,
    output: returns<{ authorizeUrl: string }>(),
    audit: {},
    handler: (input, { connections }) => connections.connect(input),
  }),

  'connections.connectApple': call({
    input: connectApple,
    output: returns<ConnectionView>(),
    audit: { sensitive: ['appPassword'] },
    handler: (input, { connections }) => connections.connectApple(input),
  }),

  /** Deletes the provider's credentials at once; what was made at the provider stays there. */
  'connections.disconnect': call({
    input: disconnect,
    output: returns<ConnectionView>(),
    audit: {},
    handler: (input, { connections }) => connections.disconnect(input),
  }),

  'connections.selectCalendar': call({
    input: selectCalendar,
    output: returns<ConnectionView>(),
    audit: {},
    handler: (input, { connections }) => connections.selectCalendar(input),
  }),

  /** Reads busy times from connected calendars again now. */
  'connections.refresh': read<ConnectionsOverview>(({ connections }) => connections.refresh()),

  'connections.retryJob': call({
    input: retryJob,
    output: returns<{ retried: boolean }>(),
    audit: {},
    handler: (input, { connections }) => connections.retryJob(input),
  }),
};
