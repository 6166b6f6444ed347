import type { WorkspaceCounts } from '../../../../shared/control-api.ts';

/** What a workspace file holds, in the owner's words ("12 classes, 40 bookings and 25 clients"). */
export function describeCounts(counts: Pick<WorkspaceCounts, 'classes' | 'bookings' | 'clients'>): string {
  const part = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
  return `${part(counts.classes, 'class', 'classes')}, ${part(counts.bookings, 'booking', 'bookings')} and ${part(counts.clients, 'client', 'clients')}`;
}

/**
 * The counts a picked file claims, read before anything is imported, so the question can name them; null when it is
 * not a workspace file at all (the gateway checks it fully on import and says what is wrong).
 */
export function countsInFile(text: string): Pick<WorkspaceCounts, 'classes' | 'bookings' | 'clients'> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const rows = (key: string) => {
    const value = (parsed as Record<string, unknown>)[key];
    return Array.isArray(value) ? value.length : null;
  };
  const classes = rows('classes');
  const bookings = rows('bookings');
  const clients = rows('clients');
  return classes === null || bookings === null || clients === null ? null : { classes, bookings, clients };
}
