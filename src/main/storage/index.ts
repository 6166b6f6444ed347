import { statSync } from 'node:fs';
import { createAppsRepo } from './apps-repo.ts';
import { createConsentRequestsRepo } from './consent-requests-repo.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { openDatabase, WAL_SIZE_LIMIT_BYTES, type Db } from './database.ts';
import { preparedTransactions } from './transactions.ts';
import { createGroupCommit } from './group-commit.ts';
import { createGrantsRepo } from './grants-repo.ts';
import { createOwnerProfileRepo } from './owner-profile-repo.ts';
import { createOwnerLoginLinksRepo } from './owner-login-links-repo.ts';
import { createPanelSessionsRepo } from './panel-sessions-repo.ts';
import { createSettingsRepo } from './settings-repo.ts';
import { createTokensRepo } from './tokens-repo.ts';
import { createAuditRepo } from './audit-repo.ts';
import { createBookingsRepo } from './bookings-repo.ts';
import { createBusyTimesRepo } from './busy-times-repo.ts';
import { createCredentialsRepo } from './credentials-repo.ts';
import { createJobsRepo } from './jobs-repo.ts';
import { createProviderConnectionsRepo } from './provider-connections-repo.ts';
import { createSessionMeetingsRepo } from './session-meetings-repo.ts';
import { createCertificationsRepo } from './certifications-repo.ts';
import { createClassesRepo } from './classes-repo.ts';
import { createCustomersRepo } from './customers-repo.ts';
import { createDirectoryRepo } from './directory-repo.ts';
import { createEarningsRepo } from './earnings-repo.ts';
import { createExpensesRepo } from './expenses-repo.ts';
import { createLocationsRepo } from './locations-repo.ts';
import { createMentorsRepo } from './mentors-repo.ts';
import { createMessagesRepo } from './messages-repo.ts';
import { createReviewsRepo } from './reviews-repo.ts';
import { createSessionsRepo } from './sessions-repo.ts';
import { createStudioProfileRepo } from './studio-profile-repo.ts';
import { createThreadsRepo } from './threads-repo.ts';

/** The size of the WAL at which checkpoints move to their thread: about SQLite's automatic checkpoint (1000 pages). */
const WAL_BEFORE_THREAD_BYTES = 4 * 2 ** 20;

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

/** The gateway's SQLite file with one repository per table. */
export function createStorage(file: string, options: { warn?: (message: string) => void } = {}) {
  const db: Db = openDatabase(file, options.warn);
  const repos = {
    settings: createSettingsRepo(db),
    owner: createOwnerProfileRepo(db),
    apps: createAppsRepo(db),
    grants: createGrantsRepo(db),
    tokens: createTokensRepo(db),
    consentRequests: createConsentRequestsRepo(db),
    ownerLoginLinks: createOwnerLoginLinksRepo(db),
    panelSessions: createPanelSessionsRepo(db),
    studio: createStudioProfileRepo(db),
    locations: createLocationsRepo(db),
    mentors: createMentorsRepo(db),
    certifications: createCertificationsRepo(db),
    classes: createClassesRepo(db),
    sessions: createSessionsRepo(db),
    customers: createCustomersRepo(db),
    bookings: createBookingsRepo(db),
    earnings: createEarningsRepo(db),
    expenses: createExpensesRepo(db),
    reviews: createReviewsRepo(db),
    threads: createThreadsRepo(db),
    messages: createMessagesRepo(db),
    directory: createDirectoryRepo(db),
    audit: createAuditRepo(db),
    credentials: createCredentialsRepo(db),
    connections: createProviderConnectionsRepo(db),
    meetings: createSessionMeetingsRepo(db),
    jobs: createJobsRepo(db),
    busyTimes: createBusyTimesRepo(db),
  };
  let checkpointer: Checkpointer | undefined;
  const transactions = preparedTransactions(db, () => checkpointer?.yieldToRestart());
  const group = createGroupCommit(db, transactions);
  const transaction = <T>(run: () => T): T => (db.inTransaction ? transactions.savepoint(run) : transactions.immediate(run));
  let walWatch: NodeJS.Timeout | undefined;
  return {
    db,
    file,
    ...repos,
    /** Writes committed together with those of the other requests in progress, before each one's answer (group-commit.ts). */
    group,
    /**
     * Moves WAL checkpoints to a thread of their own (checkpointer.ts): the gateway's connection no longer checkpoints
     * inside a commit. The thread (and the ~15 MB a thread costs) is started only once the WAL has grown past what one
     * automatic checkpoint would have copied (WAL_BEFORE_THREAD_BYTES): a gateway at rest never starts it. Past
     * `walLimitBytes` the thread lets the log start over, and the log's file is cut back to that size. If the thread
     * fails, this connection checkpoints automatically again, as before.
     */
    checkpointInBackground(onError: (err: unknown) => void, options: { everyMs?: number; walLimitBytes?: number } = {}): void {
      if (walWatch) return;
      db.pragma('wal_autocheckpoint = 0');
      const { everyMs = 1000, walLimitBytes = WAL_SIZE_LIMIT_BYTES } = options;
      db.pragma(`journal_size_limit = ${walLimitBytes}`);
      walWatch = setInterval(() => {
        if (checkpointer || !db.open || walBytes(file) < WAL_BEFORE_THREAD_BYTES) return;
        clearInterval(walWatch);
        checkpointer = startCheckpointer(file, walLimitBytes, (err) => {
          checkpointer = undefined;
          if (db.open) db.pragma('wal_autocheckpoint = 1000');
          onError(err);
        });
      }, everyMs);
      walWatch.unref();
    },
    /** The background checkpointer's counts, when it runs. */
    checkpoints(): ReturnType<Checkpointer['stats']> | undefined {
      return checkpointer?.stats();
    },
    /**
     * Drops what has expired: codes, tokens, grants, consent requests and owner login links (panel
     * sessions end by idle time as well, so the owner-session module prunes them). Nothing
     * expired is ever accepted anyway (every lookup checks); this only keeps the file small.
     */
    deleteExpired(nowSeconds: number): number {
      return db.transaction(
        () =>
          repos.tokens.deleteExpired(nowSeconds) +
          repos.grants.deleteExpired(nowSeconds) +
          repos.consentRequests.deleteExpired(nowSeconds) +
          repos.ownerLoginLinks.deleteExpired(nowSeconds),
      ).immediate();
    },
    /**
     * Runs fn in one immediate transaction: all of it is committed, or none. Inside another transaction (a group
     * commit's, or a caller's), fn runs in a savepoint of it: undone alone if it throws, committed with the rest.
     */
    transaction,
    /** Lets SQLite refresh the statistics its planner chooses indexes by (SQLite: "PRAGMA optimize", run periodically and at close). */
    optimize(): void {
      db.pragma('optimize');
    },
    close(): void {
      if (!db.open) return;
      group.flush();
      clearInterval(walWatch);
      checkpointer?.stop();
      checkpointer = undefined;
      db.pragma('optimize');
      db.close();
    },
  };
}
export type Storage = ReturnType<typeof createStorage>;
