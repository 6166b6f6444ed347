import ICAL from 'ical.js';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_HORIZON_SECONDS } from '../../../src/main/studio/classes.ts';
import { startTestGateway, type TestGateway } from '../../support/gateway.ts';
import { defined } from '../../support/defined.ts';
import { KEYCHAIN } from '../../support/keychain.ts';

// The teaching-schedule feed (webcal), parsed back with an iCalendar parser (ical.js).

describe.runIf(KEYCHAIN)('the teaching-schedule feed', () => {
  let tg: TestGateway;
  beforeAll(async () => {
    tg = await startTestGateway({ demo: true });
  });
  afterAll(async () => {
    await tg?.close();
  });

  const storage = () => tg.gateway.services.storage;

  it('is off until the owner makes a URL', async () => {
    const overview = await tg.owner.ok('connections.list');
    expect(overview.feed).toEqual({ url: null, webcalUrl: null, rotatedAt: null });
  });

  it('serves every class, in person and online, each session in its class time zone with that zone defined', async () => {
    const feed = await tg.owner.ok('feed.rotate');
    expect(feed.url).toMatch(new RegExp(`^${tg.gateway.issuer}/feed/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(feed.webcalUrl).toBe(feed.url?.replace('http://', 'webcal://'));

    const response = await fetch(feed.url ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');

    const zones = new Set(calendar.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

    const now = tg.gateway.services.now();
    const sessions = storage().sessions.between(now - 30 * 86_400, now + SCHEDULE_HORIZON_SECONDS);
    expect(events).toHaveLength(sessions.length);
    const classes = new Map(storage().classes.all().map((c) => [c.id, c]));
    expect(new Set(sessions.map((s) => classes.get(s.classId)?.mode))).toEqual(new Set(['in_person', 'online']));

    for (const session of sessions) {
      const cls = defined(classes.get(session.classId), 'class');
      const event = defined(events.find((e) => e.uid === `${session.id}@studio-gateway`), `event of ${session.id}`);
      // Local time in the class's zone, and that zone's VTIMEZONE is in the file (RFC 5545 §3.2.19).
      expect(event.startDate.zone?.tzid).toBe(cls.timezone);
      expect(zones.has(cls.timezone)).toBe(true);
      expect(event.startDate.toUnixTime()).toBe(session.startsAt);
      expect(event.endDate.toUnixTime()).toBe(session.endsAt);
      expect(event.summary).toBe(session.status === 'cancelled' ? `Cancelled: ${cls.title}` : cls.title);
      if (cls.mode === 'in_person') expect(event.location).toContain(defined(storage().locations.find(cls.locationId ?? ''), 'location').address);
      else expect(event.location).toMatch(/^Online \((Google Meet|Zoom)\)$/);
    }
    expect(zones.size).toBeGreaterThanOrEqual(2); // the demo teaches in Stockholm and Lisbon
  });

  it('rotating the URL stops the old one at once', async () => {
    const before = await tg.owner.ok('feed.rotate');
    const after = await tg.owner.ok('feed.rotate');
    expect(after.url).not.toBe(before.url);
    expect((await fetch(before.url ?? '')).status).toBe(404);
    expect((await fetch(after.url ?? '')).status).toBe(200);
    expect((await tg.owner.ok('connections.list')).feed.url).toBe(after.url);
  });

  it('answers a wrong token, another method and another Host like a path that does not exist', async () => {
    const { url } = await tg.owner.ok('feed.rotate');
    const wrong = (url ?? '').replace(/\/feed\/[^.]+/, `/feed/${'A'.repeat(43)}`);
    expect((await fetch(wrong)).status).toBe(404);
    expect((await fetch(url ?? '', { method: 'POST' })).status).toBe(405);
    const path = new URL(url ?? '').pathname;
    const status = await new Promise<number>((resolve, reject) => {
      // fetch may not set Host (a forbidden header): a raw request, as a DNS-rebinding page's would arrive.
      request({ host: '127.0.0.1', port: tg.gateway.port, path, headers: { host: 'evil.example' }, setHost: false }, (res) => resolve(res.statusCode ?? 0))
        .on('error', reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it('turning it off makes the URL stop working', async () => {
    const { url } = await tg.owner.ok('feed.rotate');
    expect(await tg.owner.ok('feed.disable')).toEqual({ url: null, webcalUrl: null, rotatedAt: null });
    expect((await fetch(url ?? '')).status).toBe(404);
    expect(storage().credentials.get('ics')).toBeUndefined();
  });
});
