import { useId } from 'react';
import type { GatewaySettings } from '../../../../shared/control-api.ts';
import { SCOPES } from '../../../../shared/scopes.ts';

/** What agents may do only on Pro or Premium, in the consent view's own words (the catalogue marks them). */
const PRO_ADDS = SCOPES.filter((s) => s.proOnly).map((s) => s.meaning);

const PLAN_SAYS: Record<GatewaySettings['subscriptionTier'], string> = {
  free: 'On Free, agents you allow can see your classes and work with your profile, bookings, clients, reviews and messages. An agent that tries what Pro adds is told your plan does not include it, and nothing changes.',
  pro: 'On Pro, agents you allow can also do what Pro adds.',
  premium: 'Premium includes everything in Pro; Studio Gateway has nothing more for it.',
};

/** Settings: the studio's plan, and in plain words what it changes for agents. */
export function PlanField({ plan, onChange }: { plan: GatewaySettings['subscriptionTier']; onChange: (plan: GatewaySettings['subscriptionTier']) => void }) {
  const id = useId();
  return (
    <div className="stack" style={{ gap: 6, maxWidth: 560 }}>
      <label className="field" style={{ maxWidth: 320 }}>
        Subscription plan
        <select value={plan} aria-describedby={`${id}-says`} onChange={(e) => onChange(e.target.value as GatewaySettings['subscriptionTier'])}>
          <option value="free">Free</option>
          <option value="pro">Pro</option>
          <option value="premium">Premium</option>
        </select>
      </label>
      <div id={`${id}-says`} className="muted">
        <p style={{ margin: 0 }}>{PLAN_SAYS[plan]}</p>
        <p style={{ margin: '6px 0 0' }}>What Pro adds:</p>
        <ul style={{ margin: '2px 0 0', paddingLeft: 18 }}>
          {PRO_ADDS.map((meaning) => (
            <li key={meaning}>{meaning}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
