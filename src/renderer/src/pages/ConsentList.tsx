import type { ConsentRequestView } from '../../../shared/control-api.ts';
import { ListTable } from '../components/ui.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { relative } from '../lib/format.ts';

export function ConsentList({ pending, onReview }: { pending: ConsentRequestView[]; onReview: (id: string) => void }) {
  return (
    <section className="card" aria-labelledby="consent-heading">
      <div className="card-head">
        <h2 id="consent-heading">Waiting for your decision</h2>
      </div>
      <ListTable
        items={pending}
        empty="No app is waiting. When an agent connects with OAuth, its request appears here and the agent's browser tab waits until you decide."
        head={
          <>
            <th>App</th>
            <th>Redirects to</th>
            <th>Permissions</th>
            <th>Asked</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </>
        }
        row={(r) => (
          <tr key={r.id}>
            <td>
              <strong>{r.clientName}</strong> <VerifiedBadge domain={r.verifiedDomain} onThisComputer={r.answersOnThisComputer} />
              {r.website && <div className="muted">{r.website}</div>}
            </td>
            <td>
              <code>{r.redirectHost}</code>
            </td>
            <td>{r.requestedScopes.length}</td>
            <td className="muted">{relative(r.createdAt)}</td>
            <td>
              <button type="button" className="primary small" onClick={() => onReview(r.id)}>
                Review
              </button>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
