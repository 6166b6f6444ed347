import { useQuery } from '@tanstack/react-query';
import { ErrorNote } from '../components/ui.tsx';
import { reads } from '../data/reads.ts';
import { FeedCard } from './connections/FeedCard.tsx';
import { ProviderCard } from './connections/ProviderCard.tsx';
import { SyncJobs } from './connections/SyncJobs.tsx';

/** Said once at the top when sign-ins cannot be kept safely; each action it stops says so beside itself. */
const NO_KEYCHAIN = 'Needs a safe place for sign-ins on this computer (see the note at the top).';

/**
 * Calendar and video connections, the calendar feed and the background sync, live (never sample data). Each card
 * shows its own errors beside the action that failed; only a problem of the whole page shows at the top, once.
 */
export function Connections({ notify }: { notify: (message: string) => void }) {
  const overview = useQuery(reads.connections);
  const data = overview.data;
  const blocked = data && !data.keychain.available ? NO_KEYCHAIN : null;

  return (
    <>
      <ErrorNote error={overview.error?.message} />
      {data && !data.keychain.available && (
        <div className="error stack" role="alert" style={{ gap: 4 }}>
          <span>Studio Gateway cannot keep sign-ins safe on this computer right now, so connecting is turned off.</span>
          {data.keychain.problem && (
            <details>
              <summary>Details</summary>
              <p style={{ margin: '6px 0 0' }}>{data.keychain.problem}</p>
            </details>
          )}
        </div>
      )}
      {data?.providers.map((c) => (
        <ProviderCard key={c.provider} connection={c} blocked={blocked} notify={notify} />
      ))}
      {data && <FeedCard feed={data.feed} blocked={blocked} notify={notify} />}
      {data && <SyncJobs jobs={data.jobs} counts={data.jobCounts} notify={notify} />}
    </>
  );
}
