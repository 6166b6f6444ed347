import type { AuditOutcome } from '../audit-outcome.ts';
import type { SentenceRow } from './sentence.ts';

/** What an app did by signing in or talking the protocol, without the protocol's words: [tried, done]. */
const STEPS: Record<string, readonly [does: string, did: string]> = {
  register: ['register with Studio Gateway', 'registered with Studio Gateway'],
  authorize: ['ask you for access', 'asked you for access'],
  token: ['get an access key', 'got an access key'],
  revoke: ['give back an access key', 'gave back an access key'],
  userinfo: ['read your account name', 'read your account name'],
  initialize: ['connect', 'connected'],
  'tools/list': ['look up what it may do', 'looked up what it may do'],
  ping: ['check its connection', 'checked its connection'],
};

/**
 * A technical event (sign-in, tokens, the protocol's own requests) as a sentence: "Cursor got an access key",
 * "An agent was turned away: agents are paused".
 */
export function technicalSentence(row: SentenceRow, outcome: AuditOutcome, app: string): string {
  if (row.kind === 'mcp' && row.endpoint === 'mcp') {
    if (outcome === 'rate_limited') return `${app} was slowed down: too many requests at once`;
    if (outcome === 'paused') return `${app} was turned away: agents are paused`;
    if (outcome === 'blocked') return `${app} was turned away: no valid access key`;
    return `${app} sent a request Studio Gateway does not accept`;
  }
  const [does, did] = STEPS[row.endpoint] ?? (row.endpoint.startsWith('notifications/') ? ['send a notice', 'sent a notice'] : ['make a technical request', 'made a technical request']);
  if (outcome === 'done') return `${app} ${did}`;
  if (outcome === 'denied') return `${app} tried to ${does}; the answer was no`;
  if (outcome === 'timed_out') return `${app} ${did}; nobody answered in time`;
  if (outcome === 'blocked') return `${app} tried to ${does} without a valid key`;
  return `${app} tried to ${does}`;
}
