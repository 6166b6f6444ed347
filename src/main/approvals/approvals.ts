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
 * How a held call ends: the owner's answer (approved, denied, or denied with its app paused), the timeout, or a change
 * of state that takes the permission away (the app's access was revoked, all agents or this app were paused, the
 * gateway is stopping, the agent went away), or the app already has LIMITS.heldCallsPerClient calls waiting (the new
 * one is refused at once: no app can flood the owner's queue).
 */
export type ApprovalOutcome =
  | 'approved'
  | 'denied'
  | 'denied_and_paused'
  | 'timeout'
  | 'revoked'
  | 'paused'
  | 'app_paused'
  | 'stopping'
  | 'too_many_waiting'
  | 'abandoned';

/** The owner's answer to one held call: Approve, Deny, or Deny and pause this app. */
export type ApprovalDecision = 'approve' | 'deny' | 'deny_and_pause';
const DECIDED = { approve: 'approved', deny: 'denied', deny_and_pause: 'denied_and_paused' } as const satisfies Record<ApprovalDecision, ApprovalOutcome>;

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
    request(call: Omit<ApprovalRequestView, 'id' | 'requestedAt' | 'expiresAt' | 'timeoutSeconds'>, abandoned?: AbortSignal): Promise<ApprovalOutcome> {
      if (abandoned?.aborted) return Promise.resolve('abandoned');
      const waiting = [...pending.values()].filter((entry) => entry.view.clientId === call.clientId).length;
      if (waiting >= LIMITS.heldCallsPerClient) return Promise.resolve('too_many_waiting');
      const { timeoutSeconds } = current();
      const timeoutMs = timeoutSeconds * 1000;
      const now = clock.nowMs();
      const view: ApprovalRequestView = {
        ...call,
        id: randomUUID(),
        requestedAt: new Date(now).toISOString(),
        expiresAt: new Date(now + timeoutMs).toISOString(),
        timeoutSeconds,
      };
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

    /**
     * The owner's answer. With deny_and_pause the caller pauses the app (control/calls/approvals.ts) and ends its
     * other waiting calls; this call's agent is told it was denied and its app paused.
     */
    decide(id: string, decision: ApprovalDecision): { decided: (typeof DECIDED)[ApprovalDecision]; clientId: string } {
      const entry = pending.get(id);
      if (!entry) throw new DomainError('not_found', 'This call is no longer waiting: it was decided, timed out, or its agent went away.');
      const decided = DECIDED[decision];
      entry.resolve(decided);
      return { decided, clientId: entry.view.clientId };
    },

    onRequested(listener: (request: ApprovalRequestView) => void): () => void {
      events.on('requested', listener);
      return () => events.off('requested', listener);
    },

    /** The owner revoked this app (or paused it): its waiting calls end now, refused. */
    endForClient: (clientId: string, outcome: 'revoked' | 'app_paused' = 'revoked'): number => endWhere((view) => view.clientId === clientId, outcome),

    /** Agents were paused, or the gateway is stopping: every waiting call ends now, refused. */
    endAll: (outcome: 'paused' | 'stopping'): number => endWhere(() => true, outcome),
  };
}
export type Approvals = ReturnType<typeof createApprovals>;
