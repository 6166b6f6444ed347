import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ApprovalRequestView, ApprovalSettings } from '../../shared/control-api.ts';
import { DomainError } from '../errors.ts';
import { LIMITS } from '../limits.ts';
import type { Clock } from '../../shared/clock.ts';
import type { SettingsRepo } from '../storage/settings-repo.ts';

const SETTING = 'approvals';
const DEFAULTS: ApprovalSettings = { enabled: false, timeoutSeconds: 60, tools: [] };

/**
 * How a held call ends: the owner's answer, the timeout, or a change of state that takes the permission away
 * (the app's access was revoked, all agents were paused, the gateway is stopping, the agent went away), or the app already has
 * LIMITS.heldCallsPerClient calls waiting (the new one is refused at once: no app can flood the owner's queue).
 */
export type ApprovalOutcome = 'approved' | 'denied' | 'timeout' | 'revoked' | 'paused' | 'stopping' | 'too_many_waiting' | 'abandoned';

interface Pending {
  view: ApprovalRequestView;
  resolve: (outcome: ApprovalOutcome) => void;
  timer: NodeJS.Timeout;
}

/**
 * Owner approval of destructive tool calls: when enabled, a call to a delete-tier tool (or one the owner
 * marked) waits here until a person approves or denies it in the panel, or the timeout answers the agent.
 * Waiting calls live in memory: they belong to an HTTP request that is still open. A call is bound to the state
 * that let it wait: revoking its app or pausing agents ends it at once (and the caller checks the grant again
 * after an approval, before running it).
 */
export function createApprovals(settings: SettingsRepo, clock: Clock) {
  const pending = new Map<string, Pending>();
  const events = new EventEmitter<{ requested: [ApprovalRequestView] }>();

  const current = (): ApprovalSettings => ({ ...DEFAULTS, ...settings.get<Partial<ApprovalSettings>>(SETTING, {}) });

  function endWhere(match: (view: ApprovalRequestView) => boolean, outcome: ApprovalOutcome): number {
    let ended = 0;
    for (const entry of [...pending.values()]) {
      if (!match(entry.view)) continue;
      entry.resolve(outcome);
      ended++;
    }
    return ended;
  }

  return {
    settings: current,
    update(change: Partial<ApprovalSettings>): ApprovalSettings {
      const next = { ...current(), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
      settings.set(SETTING, next);
      return next;
    },

    /** Whether a call to this tool must wait for the owner. */
    required(tool: { name: string; annotations: { destructiveHint: boolean } }): boolean {
      const s = current();
      return s.enabled && (tool.annotations.destructiveHint || s.tools.includes(tool.name));
    },

    /**
     * Waits for the owner's decision on one call, or for whatever else ends it first; `abandoned` aborts when the
     * agent's request went away (its connection closed): nobody would receive the answer, so nothing may run.
     */
    request(call: Omit<ApprovalRequestView, 'id' | 'requestedAt' | 'expiresAt'>, abandoned?: AbortSignal): Promise<ApprovalOutcome> {
      if (abandoned?.aborted) return Promise.resolve('abandoned');
      const waiting = [...pending.values()].filter((entry) => entry.view.clientId === call.clientId).length;
      if (waiting >= LIMITS.heldCallsPerClient) return Promise.resolve('too_many_waiting');
      const timeoutMs = current().timeoutSeconds * 1000;
      const now = clock.nowMs();
      const view: ApprovalRequestView = { ...call, id: randomUUID(), requestedAt: new Date(now).toISOString(), expiresAt: new Date(now + timeoutMs).toISOString() };
      return new Promise((resolve) => {
        const finish = (outcome: ApprovalOutcome) => {
          clearTimeout(entry.timer);
          pending.delete(view.id);
          resolve(outcome);
        };
        const entry: Pending = { view, resolve: finish, timer: setTimeout(() => finish('timeout'), timeoutMs) };
        pending.set(view.id, entry);
        abandoned?.addEventListener('abort', () => finish('abandoned'), { once: true });
        events.emit('requested', view);
      });
    },

    list: (): ApprovalRequestView[] => [...pending.values()].map((p) => p.view),

    decide(id: string, decision: 'approve' | 'deny'): { decided: 'approved' | 'denied' } {
      const entry = pending.get(id);
      if (!entry) throw new DomainError('not_found', 'This call is no longer waiting: it was decided, timed out, or its agent went away.');
      const decided = decision === 'approve' ? 'approved' : 'denied';
      entry.resolve(decided);
      return { decided };
    },

    onRequested(listener: (request: ApprovalRequestView) => void): () => void {
      events.on('requested', listener);
      return () => events.off('requested', listener);
    },

    /** The owner revoked this app: its waiting calls end now, refused. */
    endForClient: (clientId: string): number => endWhere((view) => view.clientId === clientId, 'revoked'),

    /** Agents were paused, or the gateway is stopping: every waiting call ends now, refused. */
    endAll: (outcome: 'paused' | 'stopping'): number => endWhere(() => true, outcome),
  };
}
export type Approvals = ReturnType<typeof createApprovals>;
