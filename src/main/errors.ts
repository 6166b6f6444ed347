/**
 * Every error code a client can meet, with the HTTP status it is answered with, and where the MCP endpoint or an
 * OAuth route answers it, its JSON-RPC error code (JSON-RPC 2.0 §5.1; -32000…-32099 are the server's own) and its
 * OAuth error (RFC 6750 §3.1). This table is the only place a code is given a status; the codes' type is derived
 * from it, so a code that is not here does not compile. Each transport maps it once: control/http-transport.ts,
 * mcp/endpoint.ts.
 *
 * MCP tools answer a DomainError as a tool error (`isError`, MCP "Tool Execution Errors"), whatever its code; the
 * desktop's IPC carries the code and message as they are. Either way the message is the owner's, and anything that
 * is no DomainError is answered as internal_error, without its details.
 */
export const ERRORS = {
  // The control panel's transports refuse the request itself (owner-sessions.ts, http-transport.ts, electron/ipc.ts).
  method_not_allowed: { status: 405, jsonRpc: -32005 },
  /** Not the panel's own page (Origin, Sec-Fetch-Site) or not the desktop's own window. */
  forbidden: { status: 403 },
  unknown_call: { status: 404 },
  not_signed_in: { status: 401 },
  session_ended: { status: 401 },
  bad_signature: { status: 401 },
  stale_signature: { status: 401 },
  replayed_request: { status: 401 },
  /** A panel sign-in link is single-use (owner-sessions.ts). */
  login_link_used: { status: 403 },

  // What was asked is malformed or names nothing.
  invalid_input: { status: 400 },
  not_found: { status: 404 },

  // The studio's rules, and states that forbid the change as things stand: 409 Conflict.
  invalid_cursor: { status: 409 },
  invalid_recurrence: { status: 409 },
  invalid_workspace: { status: 409 },
  invalid_config: { status: 409 },
  already_booked: { status: 409 },
  already_cancelled: { status: 409 },
  already_paid: { status: 409 },
  booking_cancelled: { status: 409 },
  session_cancelled: { status: 409 },
  session_full: { status: 409 },
  session_in_past: { status: 409 },
  capacity_below_bookings: { status: 409 },
  class_has_bookings: { status: 409 },
  client_has_bookings: { status: 409 },
  reschedule_drops_bookings: { status: 409 },
  wrong_mentor: { status: 409 },
  currency_not_changeable: { status: 409 },
  email_change_not_allowed: { status: 409 },
  upgrade_required: { status: 409 },
  already_started: { status: 409 },
  not_available: { status: 409 },

  // Consent requests and held tool calls (oauth/consent.ts, approvals/).
  already_decided: { status: 409 },
  expired: { status: 409 },
  not_pending: { status: 409 },
  scope_not_requested: { status: 409 },
  decision_pending: { status: 409 },

  // One-click install (install/).
  install_failed: { status: 409 },
  install_unavailable: { status: 409 },
  config_changed: { status: 409 },

  // Connections: providers, their sign-in, and the credential vault (providers/).
  provider_app_missing: { status: 409 },
  provider_not_connected: { status: 409 },
  provider_unreachable: { status: 409 },
  provider_unavailable: { status: 409 },
  provider_refused: { status: 409 },
  provider_bad_answer: { status: 409 },
  connect_denied: { status: 409 },
  connect_expired: { status: 409 },
  connect_failed: { status: 409 },
  connect_scopes_missing: { status: 409 },
  no_refresh_token: { status: 409 },
  no_calendar: { status: 409 },
  calendar_not_found: { status: 409 },
  meeting_link_pending: { status: 409 },
  apple_password_format: { status: 409 },
  apple_auth_refused: { status: 409 },
  caldav_failed: { status: 409 },
  keychain_unavailable: { status: 409 },
  vault_key_missing: { status: 409 },
  vault_key_invalid: { status: 409 },
  vault_tampered: { status: 409 },

  // The MCP endpoint refuses the request itself (mcp/endpoint.ts, mcp/bearer.ts).
  /** The owner paused every agent. */
  agents_paused: { status: 503, jsonRpc: -32007 },
  /** The owner paused this one app ("Deny and pause this app"); other apps go on. */
  app_paused: { status: 503, jsonRpc: -32007 },
  /** No Authorization header (RFC 6750 §3.1: a request without credentials gets no error code). */
  token_missing: { status: 401, jsonRpc: -32001 },
  /** Authorization that is not `Bearer <token>`, or a token in the query string (OAuth 2.1 §5.2). */
  token_malformed: { status: 400, jsonRpc: -32001, oauth: 'invalid_request' },
  /** Unknown, expired, revoked, or issued for another resource (RFC 8707). */
  token_invalid: { status: 401, jsonRpc: -32001, oauth: 'invalid_token' },
  /** A valid token without the scope the request needs (MCP "Scope challenge handling"). */
  insufficient_scope: { status: 403, jsonRpc: -32003, oauth: 'insufficient_scope' },
  /** Streamable HTTP: the client must accept both JSON and an event stream, and post JSON (-32000: the SDK's code). */
  not_acceptable: { status: 406, jsonRpc: -32000 },
  unsupported_media_type: { status: 415, jsonRpc: -32000 },
  unsupported_protocol_version: { status: 400, jsonRpc: -32000 },
  request_too_large: { status: 413, jsonRpc: -32006 },
  parse_error: { status: 400, jsonRpc: -32700 },
  invalid_request: { status: 400, jsonRpc: -32600 },
  rate_limited: { status: 429, jsonRpc: -32008 },
  /** The stdio bridge cannot relay to the gateway (install/stdio-bridge.ts): not running, refusing, or a bad URL. */
  gateway_unreachable: { status: 502, jsonRpc: -32000 },
  /** No answer within the response deadline: the request may or may not have been carried out (answered in a 200). */
  no_answer_in_time: { status: 200, jsonRpc: -32009 },

  /** Anything that is no DomainError: its details go to the log, never to the client. */
  internal_error: { status: 500, jsonRpc: -32603 },
} as const satisfies Record<string, { status: number; jsonRpc?: number; oauth?: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The HTTP status a code is answered with. */
export function httpStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

type JsonRpcErrorCode = { [C in ErrorCode]: (typeof ERRORS)[C] extends { jsonRpc: number } ? C : never }[ErrorCode];
type OAuthErrorCode = { [C in ErrorCode]: (typeof ERRORS)[C] extends { oauth: string } ? C : never }[ErrorCode];

/** The JSON-RPC error code of a code the MCP endpoint answers. */
export function jsonRpcCode(code: JsonRpcErrorCode): number {
  return ERRORS[code].jsonRpc;
}

/** The OAuth error (RFC 6750 §3.1) of a code answered in a WWW-Authenticate challenge. */
export function oauthError(code: OAuthErrorCode): string {
  return ERRORS[code].oauth;
}
export type { JsonRpcErrorCode, OAuthErrorCode };

/**
 * A refusal by the studio's rules (a business rule, a bad state, "upgrade required"): safe to show as is.
 * Tools return it as a tool error; control-panel calls as a failed call. Anything else is an internal error
 * and is never shown to a client beyond a generic message.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }

  /** What the client is told: the code and the message, nothing else (no stack, no cause). */
  toResponseObject(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}
