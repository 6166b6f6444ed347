import { createDAVClient } from 'tsdav';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RADICALE, RADICALE_MISSING_MESSAGE, startRadicale, type RadicaleServer } from './radicale.ts';

if (!RADICALE) process.stderr.write(`\n*** SKIPPING CalDAV tests: ${RADICALE_MISSING_MESSAGE} ***\n\n`);

function connect(server: RadicaleServer, password = server.password) {
  return createDAVClient({
    serverUrl: server.url,
    credentials: { username: server.username, password },
    authMethod: 'Basic',
    defaultAccountType: 'caldav',
  });
}

function propfind(server: RadicaleServer, password: string): Promise<Response> {
  const authorization = `Basic ${Buffer.from(`${server.username}:${password}`).toString('base64')}`;
  return fetch(new URL(`${encodeURIComponent(server.username)}/`, server.url), { method: 'PROPFIND', headers: { authorization, depth: '0' } });
}

describe.runIf(RADICALE)('the Radicale CalDAV fixture', () => {
  let server: RadicaleServer;
  let classes: string;
  beforeAll(async () => {
    server = await startRadicale();
    classes = await server.addCalendar('Studio Classes');
    await server.addCalendar('Private');
    await server.addEvent(classes, {
      uid: 'mat-pilates-1@studio.example',
      summary: 'Mat Pilates, level 1; bring a towel',
      start: new Date('2025-03-03T09:00:00Z'),
      end: new Date('2025-03-03T10:00:00Z'),
    });
    await server.addEvent(classes, {
      uid: 'reformer-2@studio.example',
      summary: 'Reformer',
      start: new Date('2025-04-07T17:30:00Z'),
      end: new Date('2025-04-07T18:30:00Z'),
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('looks like an iCloud account with an app-specific password', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.username).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(server.password).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
  });

  it('serves its calendars and events to tsdav (Basic auth, time-range query)', async () => {
    const client = await connect(server);
    const calendars = await client.fetchCalendars();
    expect(calendars.map((c) => c.displayName).sort()).toEqual(['Private', 'Studio Classes']);
    const calendar = calendars.find((c) => c.displayName === 'Studio Classes');
    expect(calendar?.url).toBe(classes);
    if (!calendar) return;

    const march = await client.fetchCalendarObjects({
      calendar,
      timeRange: { start: '2025-03-01T00:00:00Z', end: '2025-04-01T00:00:00Z' },
    });
    expect(march).toHaveLength(1);
    const data = String(march[0]?.data).replace(/\r\n /g, '');
    expect(data).toContain('UID:mat-pilates-1@studio.example');
    expect(data).toContain('SUMMARY:Mat Pilates\\, level 1\\; bring a towel');
    expect(data).toContain('DTSTART:20250303T090000Z');

    const all = await client.fetchCalendarObjects({ calendar, timeRange: { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' } });
    expect(all).toHaveLength(2);
  });

  it('refuses a wrong password with 401', async () => {
    const response = await propfind(server, 'wxyz-wxyz-wxyz-wxyz');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    await expect(connect(server, 'wxyz-wxyz-wxyz-wxyz')).rejects.toThrow(/401/);
  });
});

describe.runIf(RADICALE)('revoking the app-specific password', () => {
  let server: RadicaleServer;
  beforeAll(async () => {
    server = await startRadicale();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('makes the old password fail from then on', async () => {
    expect((await propfind(server, server.password)).status).toBe(207);
    await connect(server);

    await server.revokePassword();

    expect((await propfind(server, server.password)).status).toBe(401);
    await expect(connect(server)).rejects.toThrow(/401/);
  });
});
