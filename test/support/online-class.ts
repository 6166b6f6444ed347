import type { Services } from '../../src/main/services.ts';
import { addDays } from '../../src/main/studio/time.ts';
import { todayIn } from './demo-lookups.ts';

/** An online class starting tomorrow at 18:00 Stockholm time, weekly when `weeks` > 1. */
export function onlineClass(services: Services, videoProvider: 'google_meet' | 'zoom', options: { weeks?: number; title?: string } = {}) {
  const weeks = options.weeks ?? 1;
  return services.classes.create({
    title: options.title ?? (videoProvider === 'zoom' ? 'Online Evening Flow' : 'Online Morning Flow'),
    practice: 'yoga',
    description: 'Bring a mat.',
    timezone: 'Europe/Stockholm',
    capacity: 10,
    priceCents: 1500,
    durationMinutes: 60,
    mode: 'online',
    videoProvider,
    startDate: addDays(todayIn(services, 'Europe/Stockholm'), 1),
    startTime: '18:00',
    recurrence: weeks > 1 ? `FREQ=WEEKLY;COUNT=${weeks}` : null,
  });
}

/** The first session of a class. */
export function firstSession(services: Services, classId: string) {
  const [session] = services.storage.sessions.forClass(classId);
  if (!session) throw new Error(`class ${classId} has no session`);
  return session;
}

/** A confirmed booking of a new client on the session. */
export function book(services: Services, sessionId: string, name = 'Ana Lima') {
  return services.bookings.create({ sessionId, newClient: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com` }, status: 'confirmed' });
}
