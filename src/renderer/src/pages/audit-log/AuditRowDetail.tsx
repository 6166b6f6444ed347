import type { AuditRowView } from '../../../../shared/control-api.ts';
import { Modal } from '../../components/ui.tsx';
import { dateTime } from '../../lib/format.ts';

/** One request of the audit log, whole: who, what, the outcome, its place in the hash chain, its redacted arguments. */
export function AuditRowDetail({ row, onClose }: { row: AuditRowView; onClose: () => void }) {
  return (
    <Modal title={`Request ${row.id}`} onClose={onClose}>
      <h2>
        <code>{row.tool ?? row.endpoint}</code> <span className={`badge ${row.status === 'ok' ? 'ok' : row.status === 'refused' ? 'warn' : 'danger'}`}>{row.status}</span>
      </h2>
      <table>
        <tbody>
          {(
            [
              ['Time', dateTime(row.time)],
              ['Client', `${row.clientName ?? '—'} (${row.clientId ?? 'none'})`],
              ['Actor', row.actor ?? '—'],
              ['Grant', row.grantId ?? '—'],
              ['Kind', row.kind],
              ['Reason', row.reason ?? '—'],
              ['HTTP status', String(row.httpStatus ?? '—')],
              ['Duration', `${row.durationMs.toFixed(2)} ms`],
              ['Hash', row.hash],
            ] as const
          ).map(([k, v]) => (
            <tr key={k}>
              <th style={{ width: 130 }}>{k}</th>
              <td style={{ wordBreak: 'break-all' }}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Arguments{row.argsTruncated ? ' (truncated)' : ''}, redacted</h3>
      <pre className="snippet">{row.argsTruncated ? row.args : JSON.stringify(JSON.parse(row.args), null, 2)}</pre>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
