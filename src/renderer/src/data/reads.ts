import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ControlInput } from '../../../shared/control-api.ts';
import { api } from '../api.ts';
import { resultOf } from './call-answer.ts';

/** The audit log's filter (search included): what `audit.list` and `audit.count` narrow by. */
export type AuditFilter = ControlInput<'audit.count'>;

/** Rows per page of the audit log (keyset paging: each page names the cursor of the next). */
export const AUDIT_PAGE_ROWS = 200;

/** Days of the audit log's activity chart. */
export const ACTIVITY_DAYS = 30;

/**
 * The audit log's reads hold one filter's view of a table that may have millions of rows: dropped as soon as nothing
 * shows them, so a revisit starts again from the newest page and the pages of filters tried before do not pile up.
 */
const AUDIT_VIEW = { gcTime: 0 } as const;

/**
 * Every read the panel shows, named by what it holds. Each key starts with the control call that fills it; reads
 * that wait on the owner or on agents poll (consent requests and held calls fastest: someone is waiting).
 */
export const reads = {
  status: queryOptions({ queryKey: ['gateway.status'], queryFn: () => resultOf(api.gatewayStatus()), refetchInterval: 5000 }),
  consentRequests: queryOptions({ queryKey: ['consent.list'], queryFn: () => resultOf(api.consentList()), refetchInterval: 1500 }),
  apps: queryOptions({ queryKey: ['apps.list'], queryFn: () => resultOf(api.appsList()), refetchInterval: 5000 }),
  revokedApps: queryOptions({ queryKey: ['apps.listRevoked'], queryFn: () => resultOf(api.appsListRevoked()), refetchInterval: 15_000 }),
  /** What an app did lately and what the owner decided about it (no technical events), for its timeline. */
  appActions: (clientId: string) =>
    queryOptions({ queryKey: ['audit.list', 'app', clientId], queryFn: () => resultOf(api.auditList({ clientId, events: 'activity', limit: 10 })), refetchInterval: 5000 }),
  heldCalls: queryOptions({ queryKey: ['approvals.list'], queryFn: () => resultOf(api.approvalsList()), refetchInterval: 1000 }),
  settings: queryOptions({ queryKey: ['settings.get'], queryFn: () => resultOf(api.settingsGet()) }),
  browsers: queryOptions({ queryKey: ['browsers.list'], queryFn: () => resultOf(api.browsersList()), refetchInterval: 15_000 }),
  connections: queryOptions({ queryKey: ['connections.list'], queryFn: () => resultOf(api.connectionsList()), refetchInterval: 3000 }),
  installTargets: queryOptions({ queryKey: ['install.targets'], queryFn: () => resultOf(api.installTargets()) }),
  /** The Overview's last few things agents did and the owner decided (no technical events). */
  recentActivity: queryOptions({ queryKey: ['audit.list', 'recent'], queryFn: () => resultOf(api.auditList({ limit: 8, events: 'activity' })), refetchInterval: 5000 }),
  timeline: (clientId: string) => queryOptions({ queryKey: ['audit.timeline', clientId], queryFn: () => resultOf(api.auditTimeline({ clientId })) }),
  activity: (clientId: string | undefined, events: 'activity' | 'all') =>
    queryOptions({ queryKey: ['audit.activity', { clientId, events }], queryFn: () => resultOf(api.auditActivity({ days: ACTIVITY_DAYS, events, ...(clientId ? { clientId } : {}) })), ...AUDIT_VIEW }),
  /** Each tool's title, for the log's sentences (they do not change while the gateway runs). */
  toolTitles: queryOptions({ queryKey: ['audit.tools'], queryFn: () => resultOf(api.auditTools()), staleTime: Infinity }),
  auditCount: (filter: AuditFilter) => queryOptions({ queryKey: ['audit.count', filter], queryFn: () => resultOf(api.auditCount(filter)), ...AUDIT_VIEW }),
  /**
   * The log's pages for one filter. The filter is part of the key: a page that comes back after the filter changed
   * lands in its own filter's entry, never in what the log shows now.
   */
  auditPages: (filter: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: ['audit.list', 'pages', filter],
      queryFn: ({ pageParam }) => resultOf(api.auditList({ ...filter, limit: AUDIT_PAGE_ROWS, ...(pageParam ? { cursor: pageParam } : {}) })),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
      ...AUDIT_VIEW,
    }),
};
