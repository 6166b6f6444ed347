import { useEffect, useState } from 'react';
import type { ConsentRequestView, GatewayStatus } from '../../shared/control-api.ts';
import { api } from './api.ts';

/** Placeholder panel until the full control panel lands: gateway status and pending consent requests. */
export function App() {
  const [status, setStatus] = useState<GatewayStatus | null>(null);
  const [pending, setPending] = useState<ConsentRequestView[]>([]);

  useEffect(() => {
    const refresh = async () => {
      const [s, p] = await Promise.all([api.gatewayStatus(), api.consentList()]);
      if (s.ok) setStatus(s.result);
      if (p.ok) setPending(p.result);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), 2000);
    return () => clearInterval(timer);
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
      <h1>Studio Gateway</h1>
      <p>MCP URL: <code>{status?.mcpUrl ?? '…'}</code></p>
      <h2>Consent requests</h2>
      {pending.length === 0 ? <p>No pending requests.</p> : null}
      {pending.map((request) => (
        <section key={request.id}>
          <h3>{request.clientName} (unverified)</h3>
          <button type="button" onClick={() => void api.consentDecide({ requestId: request.id, decision: 'approve' })}>Approve all</button>{' '}
          <button type="button" onClick={() => void api.consentDecide({ requestId: request.id, decision: 'deny' })}>Deny</button>
        </section>
      ))}
    </main>
  );
}
