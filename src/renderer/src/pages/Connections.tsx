import { api } from '../api.ts';
import { ErrorNote } from '../components/ui.tsx';
import { useCall } from '../lib/use-call.ts';

/** Calendar and video connections, exactly as they are (never sample data). */
export function Connections() {
  const connections = useCall(() => api.connectionsList(), [], 10_000);
  return (
    <section className="card" aria-labelledby="connections-heading">
      <div className="card-head">
        <h2 id="connections-heading">Calendars and video</h2>
      </div>
      <ErrorNote error={connections.error} />
      <table>
        <tbody>
          {connections.data?.map((c) => (
            <tr key={c.provider} data-provider={c.provider}>
              <td style={{ width: 260 }}>
                <strong>{c.name}</strong>
              </td>
              <td>
                <span className={`badge ${c.status === 'connected' ? 'ok' : c.status === 'error' ? 'danger' : ''}`}>{c.status === 'connected' ? 'Connected' : c.status === 'error' ? 'Needs attention' : 'Not connected'}</span>
              </td>
              <td className="muted">{c.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
