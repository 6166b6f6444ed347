import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { vtimezone } from '../../src/main/providers/feed/teaching-feed.ts';

/**
 * A real CalDAV server for tests: the Debian package `radicale` (3.1.x) run as a child process on 127.0.0.1,
 * with one user whose password looks like an Apple app-specific password, htpasswd auth and owner-only rights.
 */
export interface RadicaleServer {
  /** The server root, e.g. `http://127.0.0.1:41234/` (give it to a CalDAV client as the server URL). */
  readonly url: string;
  /** An Apple-ID-like email, e.g. `maya@icloud.example`. */
  readonly username: string;
  /** An app-specific-password-like string, `abcd-efgh-ijkl-mnop`. */
  readonly password: string;
  /** Creates a calendar collection named `name` (display name; the URL uses a slug of it) and returns its URL. */
  addCalendar(name: string): Promise<string>;
  /** Stores one VEVENT (times in UTC) in the calendar at `calendarUrl`. */
  addEvent(calendarUrl: string, event: RadicaleEvent): Promise<void>;
  /** Replaces the user's password in the htpasswd file, so the old one is refused (like a revoked app password). */
  revokePassword(): Promise<void>;
  /** Kills the server and removes its temp folder. */
  stop(): Promise<void>;
}

export interface RadicaleEvent {
  uid: string;
  summary: string;
  start: Date;
  end: Date;
  /** An RRULE value, e.g. FREQ=WEEKLY;COUNT=4. */
  rrule?: string;
  /** Written as local times in this zone (DTSTART;TZID=…) with its VTIMEZONE, as Apple Calendar writes them. */
  timeZone?: string;
  transp?: 'OPAQUE' | 'TRANSPARENT';
  status?: 'CONFIRMED' | 'CANCELLED';
}

export const RADICALE_MISSING_MESSAGE =
  'Radicale (a CalDAV server) is not installed: install the Debian package `radicale` (`apt-get install radicale`) to run the CalDAV tests.';

/** How to run Radicale here: the Debian binary, or `python3 -m radicale` with a Python that has the module. */
export function findRadicale(): { command: string; args: string[] } | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  const binary = dirs.map((dir) => join(dir, 'radicale')).find((file) => existsSync(file));
  if (binary) return { command: binary, args: [] };
  // The Debian package installs the module for the system Python only; a python3 earlier on PATH (pyenv) lacks it.
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(python, ['-c', 'import radicale'], { stdio: 'ignore', timeout: 10_000 });
      return { command: python, args: ['-m', 'radicale'] };
    } catch {
      // not this one
    }
  }
  return undefined;
}

export const RADICALE = findRadicale();

const USERNAME = 'maya@icloud.example';
const START_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 20_000;

/** Four groups of four lowercase letters, like an Apple app-specific password. */
function appSpecificPassword(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const group = () => Array.from({ length: 4 }, () => letters[randomInt(letters.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Started = { child: ChildProcess; url: string } | { addressInUse: true };

/** Starts Radicale on `port` and waits until it answers HTTP; reports a lost port race instead of throwing. */
async function startOnce(command: { command: string; args: string[] }, configFile: string, port: number): Promise<Started> {
  const child = spawn(command.command, [...command.args, '--config', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8_000);
  });
  let exit: string | undefined;
  let spawnError: Error | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? String(code)));
  child.once('error', (err) => (spawnError = err));

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`could not run Radicale (${command.command}): ${spawnError.message}`, { cause: spawnError });
    if (exit !== undefined) {
      if (/Address already in use|Errno 98/.test(stderr)) return { addressInUse: true };
      throw new Error(`Radicale exited (${exit}) before it answered on ${url}:\n${stderr.trim()}`);
    }
    try {
      // Only Radicale counts: whatever else may have taken the port in the meantime does not speak CalDAV.
      const response = await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(2_000) });
      if (response.headers.get('dav')?.includes('calendar-access') && exit === undefined) return { child, url };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`Radicale did not answer on ${url} within ${READY_TIMEOUT_MS / 1000}s:\n${stderr.trim()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Escapes a TEXT value (RFC 5545 3.3.11). */
function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** `20250301T090000Z` */
function icsUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `20250301T100000` in the zone. */
function icsLocal(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

function vcalendar(event: RadicaleEvent): string {
  const time = (name: string, date: Date) => (event.timeZone ? `${name};TZID=${event.timeZone}:${icsLocal(date, event.timeZone)}` : `${name}:${icsUtc(date)}`);
  const zone = event.timeZone ? (vtimezone(event.timeZone) ?? '').split(/\r?\n/).filter(Boolean) : [];
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Studio Gateway//Radicale test fixture//EN',
    'CALSCALE:GREGORIAN',
    ...zone,
    'BEGIN:VEVENT',
    `UID:${icsText(event.uid)}`,
    `DTSTAMP:${icsUtc(new Date())}`,
    time('DTSTART', event.start),
    time('DTEND', event.end),
    `SUMMARY:${icsText(event.summary)}`,
    ...(event.rrule ? [`RRULE:${event.rrule}`] : []),
    ...(event.transp ? [`TRANSP:${event.transp}`] : []),
    ...(event.status ? [`STATUS:${event.status}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ]
    .map(fold)
    .join('\r\n')
    .concat('\r\n');
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Starts a fresh Radicale with one user and no calendars. Throws when the Debian package `radicale` is missing. */
export async function startRadicale(): Promise<RadicaleServer> {
  const command = RADICALE;
  if (!command) throw new Error(RADICALE_MISSING_MESSAGE);

  const root = mkdtempSync(join(tmpdir(), 'sg-radicale-'));
  const htpasswd = join(root, 'htpasswd');
  const storage = join(root, 'collections');
  const configFile = join(root, 'config');
  const password = appSpecificPassword();
  writeFileSync(htpasswd, `${USERNAME}:${password}\n`, { mode: 0o600 });

  let started: { child: ChildProcess; url: string } | undefined;
  try {
    for (let attempt = 1; attempt <= START_ATTEMPTS && !started; attempt++) {
      const port = await freePort();
      writeFileSync(
        configFile,
        [
          '[server]',
          `hosts = 127.0.0.1:${port}`,
          '[auth]',
          'type = htpasswd',
          `htpasswd_filename = ${htpasswd}`,
          'htpasswd_encryption = plain',
          // Radicale sleeps ~1s after every refused login (against brute force); tests refuse logins on purpose.
          'delay = 0',
          '[storage]',
          `filesystem_folder = ${storage}`,
          '[rights]',
          'type = owner_only',
          '[web]',
          'type = none',
          '[logging]',
          'level = error',
          'mask_passwords = True',
          '',
        ].join('\n'),
      );
      const result = await startOnce(command, configFile, port);
      if (!('addressInUse' in result)) started = result;
    }
    if (!started) throw new Error(`Radicale could not bind a free port in ${START_ATTEMPTS} attempts`);
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }

  const { child, url } = started;
  // A test worker that dies without stop() must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const authorization = `Basic ${Buffer.from(`${USERNAME}:${password}`).toString('base64')}`;

  const request = async (method: string, target: string, body: string, contentType: string, expected: number[]) => {
    const response = await fetch(target, { method, headers: { authorization, 'content-type': contentType }, body });
    if (!expected.includes(response.status)) {
      throw new Error(`Radicale ${method} ${target} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    }
  };

  return {
    url,
    username: USERNAME,
    password,
    async addCalendar(name) {
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'calendar';
      // Radicale writes the principal's `@` as %40 in its hrefs; so does this URL, so it equals what clients see.
      const calendarUrl = new URL(`${encodeURIComponent(USERNAME)}/${slug}/`, url).href;
      const body =
        '<?xml version="1.0" encoding="utf-8"?>' +
        '<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>' +
        `<D:displayname>${xmlEscape(name)}</D:displayname>` +
        '<C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>' +
        '</D:prop></D:set></C:mkcalendar>';
      await request('MKCALENDAR', calendarUrl, body, 'application/xml; charset=utf-8', [201]);
      return calendarUrl;
    },
    async addEvent(calendarUrl, event) {
      const base = calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`;
      const target = new URL(`${encodeURIComponent(event.uid)}.ics`, base).href;
      await request('PUT', target, vcalendar(event), 'text/calendar; charset=utf-8', [201, 204]);
    },
    async revokePassword() {
      // Radicale reads the htpasswd file on every login (no cache), so this takes effect at once.
      let replacement = appSpecificPassword();
      while (replacement === password) replacement = appSpecificPassword();
      writeFileSync(htpasswd, `${USERNAME}:${replacement}\n`, { mode: 0o600 });
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
