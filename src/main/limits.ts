import type { RateLimit } from './http/rate-limit.ts';

/**
 * Every limit the gateway puts on agents and local processes, in one place: the code reads them here, Settings
 * shows them, docs/SECURITY.md lists them. Each default leaves a normal agent far below it (one registration and one
 * authorization when it connects, a handful of tool calls a second at most) and answers clearly when met.
 */
export const LIMITS = {
  /** Dynamic client registrations (RFC 7591), all clients together. */
  registration: { burst: 60, perMinute: 20 } satisfies RateLimit,
  /** New authorization requests, per client. */
  authorization: { burst: 10, perMinute: 6 } satisfies RateLimit,
  /** Authorization requests held in memory at once; beyond it a new one is refused, never an older one evicted. */
  waitingAuthorizations: 2_000,
  /** Consent requests waiting for the owner: one per app (a newer one replaces it), and this many in all. */
  pendingConsentTotal: 20,
  /** Tool calls of one app waiting for the owner's approval at once. */
  heldCallsPerClient: 3,
  /** A registration that never obtained a grant is removed after this long. */
  unusedRegistrationSeconds: 24 * 60 * 60,
  /** Every MCP request is answered within this long (the longest approval wait is 110 s). */
  responseDeadlineSeconds: 130,
  /** Client metadata: a name is at most this long… */
  clientNameChars: 100,
  /** …every URI at most this long, and at most this many redirect URIs. */
  uriChars: 2_000,
  redirectUris: 10,
  /**
   * Client metadata documents (a client_id that is an https URL): the most a document may weigh (the draft's "5
   * kilobytes"), how long its fetch may take (oidc-provider gives every fetch 2.5 s), and how long a fetched document
   * is used before it is fetched again: its Cache-Control max-age, held within these bounds. oidc-provider keeps at
   * most about 200 documents in memory (an LRU of 100, and the 100 before them).
   */
  metadataDocumentBytes: 5 * 1024,
  metadataDocumentFetchMs: 2_500,
  metadataDocumentCacheSeconds: { min: 300, max: 24 * 60 * 60 },
} as const;

/** Tool calls per app, adjustable in Settings: bursts of a minute's work, a few calls a second on average. */
export const DEFAULT_TOOL_CALL_LIMIT: RateLimit = { burst: 60, perMinute: 600 };
