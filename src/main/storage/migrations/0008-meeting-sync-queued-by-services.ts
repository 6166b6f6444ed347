import type Database from 'better-sqlite3';

export const version = 8;
export const name = 'Meeting sync queued by the studio services: the sync triggers of version 4 are dropped';

/**
 * The triggers queued meeting jobs out of sight of the studio's rules and stamped them with SQLite's own clock.
 * The services now queue the same jobs in the same transaction as the change (providers/sync/meeting-queue.ts),
 * with the caller's time. Jobs already queued stay and run as before.
 */
export function up(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER sync_booking_insert;
    DROP TRIGGER sync_booking_status;
    DROP TRIGGER sync_booking_delete;
    DROP TRIGGER sync_session_change;
    DROP TRIGGER sync_session_delete;
    DROP TRIGGER sync_class_change;
  `);
}
