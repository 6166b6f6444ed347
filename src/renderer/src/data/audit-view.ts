import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { reads, type AuditFilter } from './reads.ts';

/**
 * The audit log as one filter shows it: the rows of its pages loaded so far and how many rows match. Both are read
 * under the filter's own keys, and the count shows only with that filter's first page, so the count always describes
 * the rows beneath it (a page or count of an earlier filter, however late, never shows). Undefined filter: not yet
 * settled, nothing asked.
 */
export function useAuditView(filter: AuditFilter | undefined) {
  const asked = filter ?? {};
  const pages = useInfiniteQuery({ ...reads.auditPages(asked), enabled: filter !== undefined });
  const count = useQuery({ ...reads.auditCount(asked), enabled: filter !== undefined });
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.rows) ?? [], [pages.data]);
  return {
    rows,
    total: pages.data ? count.data?.count : undefined,
    hasMore: pages.hasNextPage,
    loadingMore: pages.isFetchingNextPage,
    moreFailed: pages.isFetchNextPageError,
    loadMore: pages.fetchNextPage,
    error: pages.error?.message,
  };
}

export type AuditView = ReturnType<typeof useAuditView>;
