import electronLog from 'electron-log/node';
import { systemClock } from '../shared/clock.ts';
import { escapeUnsafeCharacters } from './unsafe-text.ts';

/** The gateway's log: one line per event. Callers never pass secrets (tokens, codes, passwords). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

/** The log file rotates at this size; the previous one is kept beside it as `…old.log` (electron-log's archive). */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/** A rotating file transport (electron-log, in its plain-Node form: the headless gateway has no Electron). */
function fileLog(file: string) {
  const log = electronLog.create({ logId: `studio-gateway:${file}` });
  log.transports.console.level = false;
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.format = '{iso} {level} {text}';
  return log;
}

/**
 * Writes to stderr and, with `file`, to a rotating log in the data folder (Settings shows where; the desktop app opens
 * it). Messages carry values from clients (a client_name): every line is escaped, so no value can start a line of its
 * own. Errors keep only their name and message: a stack or a request dump could carry a secret.
 */
export function createLogger(options: { quiet?: boolean; file?: string } = {}): Logger {
  const file = options.file ? fileLog(options.file) : undefined;
  const write = (level: 'info' | 'warn' | 'error', message: string) => {
    const text = escapeUnsafeCharacters(message);
    if (level !== 'info' || !options.quiet) process.stderr.write(`${new Date(systemClock.nowMs()).toISOString()} ${level} ${text}\n`);
    file?.[level](text);
  };
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message, err) => write('error', err instanceof Error ? `${message}: ${err.name}: ${err.message}` : message),
  };
}
