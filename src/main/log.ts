import { escapeUnsafeCharacters } from './unsafe-text.ts';

/** The gateway's log: one line per event, to stderr. Callers never pass secrets (tokens, codes, passwords). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function createLogger(options: { quiet?: boolean } = {}): Logger {
  const write = (level: string, message: string) => {
    // Messages carry values from clients (a client_name): escaped, so no value can start a line of its own.
    process.stderr.write(`${new Date().toISOString()} ${level} ${escapeUnsafeCharacters(message)}\n`);
  };
  return {
    info: (message) => {
      if (!options.quiet) write('info', message);
    },
    warn: (message) => write('warn', message),
    // Only the error's name and message: a stack or a request dump could carry a secret.
    error: (message, err) => write('error', err instanceof Error ? `${message}: ${err.name}: ${err.message}` : message),
  };
}
