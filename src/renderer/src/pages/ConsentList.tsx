import type { ConsentRequestView } from '../../../shared/control-api.ts';
import { AccessSummary } from '../components/AccessSummary.tsx';
import { ListTable } from '../components/ui.tsx';
import { VerifiedBadge } from '../components/VerifiedBadge.tsx';
import { relative } from '../lib/format.ts';

/** The apps waiting for the owner's decision, each with what it asks for in words (protocol details: in the dialog). */
export function ConsentList({ pending, onReview }: { pending: ConsentRequestView[]; onReview: (id: string) => void }) {
  return (
    <section className="card" aria-labelledby="consent-heading">
      <div className="card-head">
        <h2 id="consent-heading">Waiting for your decision</h2>
      </div>
      <ListTable
        items={pending}
        empty="No app is waiting. When an agent connects, its request appears here and the agent's browser tab waits until you decide."
        head={
          <>
            <th>App</th>
            <th>It asks to</th>
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
              <AccessSummary scopes={r.requestedScopes.map((s) => s.name)} />
            </td>
            <td className="muted">{relative(r.createdAt)}</td>
            <td>
              <button type="button" className="primary small" aria-label={`Review ${r.clientName}`} onClick={() => onReview(r.id)}>
                Review
              </button>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
