/**
 * A refusal by the studio's rules (a business rule, a bad state, "upgrade required"): safe to show as is.
 * Tools return it as a tool error; control-panel calls as a failed call. Anything else is an internal error
 * and is never shown to a client beyond a generic message.
 */
export class DomainError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}
