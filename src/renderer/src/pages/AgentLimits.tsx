import { useState } from 'react';
import type { LimitsView } from '../../../shared/control-api.ts';
import { ErrorNote } from '../components/ui.tsx';
import { useUpdateSettings } from '../data/changes.ts';
import { useAction } from '../lib/use-action.ts';

/** Settings: how much any one app may ask of the gateway, the one adjustable limit and those that protect it. */
export function AgentLimits({ limits, notify }: { limits: LimitsView; notify: (m: string) => void }) {
  const updateSettings = useUpdateSettings();
  const [burst, setBurst] = useState(String(limits.toolCalls.burst));
  const [perMinute, setPerMinute] = useState(String(limits.toolCalls.perMinute));
  const { error, run } = useAction(notify);
  const changed = Number(burst) !== limits.toolCalls.burst || Number(perMinute) !== limits.toolCalls.perMinute;

  const save = () => run(() => updateSettings.mutateAsync({ toolCallLimit: { burst: Number(burst), perMinute: Number(perMinute) } }), () => 'Saved the limit for each app.');

  return (
    <section className="card stack" aria-labelledby="limits-heading">
      <h2 id="limits-heading">Limits for apps</h2>
      <p className="muted" style={{ margin: 0 }}>
        A normal app stays far below these. An app that goes over them is told to wait, and the audit log shows it.
      </p>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label className="field">
          Requests at once, per app
          <input type="number" min={1} max={10_000} value={burst} onChange={(e) => setBurst(e.target.value)} />
        </label>
        <label className="field">
          Then per minute, per app
          <input type="number" min={1} max={100_000} value={perMinute} onChange={(e) => setPerMinute(e.target.value)} />
        </label>
        <button type="button" disabled={!changed} onClick={() => void save()}>
          Save limit
        </button>
      </div>
      <ErrorNote error={error} />
      <ul className="muted" style={{ margin: 0, paddingLeft: 18 }}>
        <li>
          New apps can sign up {limits.registration.burst} at once, then {limits.registration.perMinute} a minute; an app that never gets access is removed
          after {limits.unusedRegistrationHours} hours.
        </li>
        <li>
          Each app can ask for access {limits.authorization.burst} times at once, then {limits.authorization.perMinute} a minute; only its newest request
          waits for you, and at most {limits.pendingConsentTotal} apps wait at a time.
        </li>
        <li>At most {limits.heldCallsPerClient} calls from one app wait for your approval at a time.</li>
        <li>Every request gets an answer within {limits.responseDeadlineSeconds} seconds.</li>
      </ul>
    </section>
  );
}
