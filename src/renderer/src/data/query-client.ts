import { QueryClient } from '@tanstack/react-query';

/** The panel's one cache of control-call results, shared by every page (both hosts: desktop window and web panel). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refusal is the gateway's answer: shown at once (CallError), not retried; polled reads ask again on schedule.
        retry: false,
        // Reads refresh on their own schedule only, hidden or not: a consent request or a held call waits on the owner
        // whether or not the window is in front (the desktop window hidden in the tray too); a focus brings nothing extra.
        refetchIntervalInBackground: true,
        refetchOnWindowFocus: false,
      },
    },
  });
}
