import type { SyncJobView } from '../../../../shared/control-api.ts';
import { ErrorNote, ListTable } from '../../components/ui.tsx';
import { useReadBusyTimes, useRetryJob } from '../../data/changes.ts';
import { useAction } from '../../lib/use-action.ts';

const STATUS_BADGE: Record<SyncJobView['status'], string> = { queued: 'warn', running: 'accent', done: 'ok', failed: 'danger' };
const STATUS_LABEL: Record<SyncJobView['status'], string> = { queued: 'Waiting', running: 'Running', done: 'Done', failed: 'Failed' };

/** Background sync: what is waiting, running, done and failed, with the reason and a retry. */
export function SyncJobs(props: { jobs: SyncJobView[]; counts: Record<SyncJobView['status'], number>; notify: (message: string) => void }) {
  const { counts } = props;
  const { error, run } = useAction(props.notify);
  const readBusyTimes = useReadBusyTimes();
  const retryJob = useRetryJob();
  const onRefresh = () => run(() => readBusyTimes.mutateAsync(), () => 'Reading busy times again');
  const onRetry = (jobId: number) => run(() => retryJob.mutateAsync({ jobId }), () => 'Trying again');
  return (
    <section className="card stack" aria-labelledby="sync-heading">
      <div className="card-head">
        <div className="stack" style={{ gap: 4 }}>
          <h2 id="sync-heading">Background sync</h2>
          <span className="muted">
            {counts.queued} waiting · {counts.running} running · {counts.failed} failed · {counts.done} done this week
          </span>
        </div>
        <button type="button" onClick={() => void onRefresh()}>
          Read busy times now
        </button>
      </div>
      <ErrorNote error={error} />
      <ListTable
        items={props.jobs}
        label="Sync jobs"
        empty="Nothing to sync yet. Meetings are made when a booking on an online class confirms."
        head={
          <>
            <th>What</th>
            <th>State</th>
            <th>Outcome</th>
            <th>Updated</th>
            <th />
          </>
        }
        row={(job) => (
          <tr key={job.id} data-status={job.status}>
            <td>{job.subject}</td>
            <td>
              <span className={`badge ${STATUS_BADGE[job.status]}`}>{STATUS_LABEL[job.status]}</span>
              {job.attempts > 1 && <span className="muted"> · try {job.attempts}</span>}
            </td>
            <td className={job.status === 'failed' ? 'error-text' : 'muted'}>
              {job.status === 'done' ? job.result : job.lastError}
              {job.status === 'queued' && job.nextRunAt && job.lastError && <span> Next try {new Date(job.nextRunAt).toLocaleTimeString()}.</span>}
            </td>
            <td className="muted">{new Date(job.updatedAt).toLocaleString()}</td>
            <td>
              {job.status === 'failed' && (
                <button type="button" className="small" onClick={() => void onRetry(job.id)}>
                  Retry
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
