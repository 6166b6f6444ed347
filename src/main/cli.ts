import { createWriteStream, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AUDIT_OUTCOMES } from '../shared/audit-outcome.ts';
import { exportAudit } from './audit/export.ts';
import { auditFilter, auditFilterInput } from './audit/filter.ts';
import type { AuditFilter } from './storage/audit-repo.ts';
import { sentenceNames } from './audit/sentence-names.ts';
import { verifyChain } from './audit/verify.ts';
import { DomainError } from './errors.ts';
import { epochSeconds, systemClock } from '../shared/clock.ts';
import { exportWorkspace, importWorkspace, wipeWorkspace } from './studio/workspace-file.ts';
import { startGateway } from './gateway.ts';
import { findRunningGateway } from './control/run-identity.ts';
import { DEFAULT_PORT, PortInUseError } from './http/listen.ts';
import { createLogger } from './log.ts';
import { databaseFile, defaultDataDir, logFile } from './paths.ts';
import { createStorage } from './storage/index.ts';
import { DatabaseTooNewError } from './storage/database.ts';
import { issueLoginLink, LOGIN_LINK_NOTE } from './control/owner-sessions.ts';
import { readBridgeToken } from './install/bridge-command.ts';
import { runBridge } from './install/stdio-bridge.ts';
import { keytarKeyStore } from './providers/vault/key-store.ts';

const USAGE = `Studio Gateway — local OAuth 2.1 + MCP gateway for your studio

Usage:
  studio-gateway serve [--port N] [--data-dir DIR] [--demo]
      Runs the gateway headless on 127.0.0.1 (default port ${DEFAULT_PORT}; --port 0 picks a free one).
      Prints the MCP URL and a one-time control panel sign-in link. --demo fills an empty workspace with
      demo data. Data folder default: ${defaultDataDir()}
  studio-gateway panel-link [--data-dir DIR]
      Prints a new one-time control panel sign-in link (valid for minutes) for the gateway using that
      data folder. Signed-in browsers are listed, and signed out, in the panel's Settings.
  studio-gateway workspace export [--out FILE] [--data-dir DIR]
  studio-gateway workspace import FILE [--data-dir DIR]
  studio-gateway workspace wipe --yes [--data-dir DIR]
      Whole-workspace JSON export (to stdout without --out), import (replaces everything, all or nothing),
      and wipe (empties the studio; connected apps and the audit log stay).
  studio-gateway audit export --format csv|jsonl [--out FILE] [--client ID] [--tool NAME] [--endpoint NAME]
                              [--status ok|refused|error] [--outcome OUTCOME] [--events activity|all]
                              [--from ISO] [--to ISO] [--query TEXT] [--data-dir DIR]
      Streams the audit log (to stdout without --out), oldest first, with progress on stderr. OUTCOME, as in
      the panel's Outcome filter: ${AUDIT_OUTCOMES.join(', ')}. --events activity
      leaves out technical events, as the panel does unless "Technical events" is ticked.
  studio-gateway audit verify [--data-dir DIR]
      Checks the audit log's hash chain; reports the first broken link and exits 1 if there is one.
  studio-gateway bridge --url URL [--keychain ENTRY]
      A local MCP server on stdio that relays to the gateway at URL (Streamable HTTP), for clients that start
      local servers (Claude Desktop). The access key comes from the system keychain entry ENTRY, or else from
      the STUDIO_GATEWAY_TOKEN environment variable. Agent setup's Install button writes this command for you.
  studio-gateway --help
`;

/** The workspace of a data folder (default: the OS's), for commands that work on the file without serving. */
function openStorage(dataDir: string | undefined) {
  return createStorage(databaseFile(dataDir ?? defaultDataDir()), { warn: createLogger().warn });
}

function fail(message: string): never {
  process.stderr.write(`studio-gateway: ${message}\n`);
  process.exit(1);
}

/** --port, or undefined to use the port saved in Settings (default DEFAULT_PORT). */
function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) fail(`--port must be a whole number from 0 to 65535 (got "${value}")`);
  return port;
}

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, demo: { type: 'boolean', default: false } },
    strict: true,
  });
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const log = createLogger({ file: logFile(dataDir) });
  const port = parsePort(values.port);
  const gateway = await startGateway({ dataDir, ...(port === undefined ? {} : { port }), demo: values.demo, log });

  process.stdout.write(`Gateway: ${gateway.mcpUrl}\nControl panel: ${gateway.issueLoginLink()}\n  ${LOGIN_LINK_NOTE}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    setTimeout(() => process.exit(0), 1500).unref();
    gateway.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function panelLink(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
  const storage = openStorage(values['data-dir']);
  try {
    // Only for a gateway that proves it is this folder's, running now: never a key for whoever holds a port.
    const running = await findRunningGateway(storage.settings);
    if ('problem' in running) fail(running.problem);
    process.stdout.write(`Control panel: ${issueLoginLink(storage, running.panelOrigin, epochSeconds(systemClock))}\n  ${LOGIN_LINK_NOTE}\n`);
  } finally {
    storage.close();
  }
}

function workspace(args: string[]): void {
  const { values, positionals } = parseArgs({
    args,
    options: { 'data-dir': { type: 'string' }, out: { type: 'string' }, yes: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action, file] = positionals;
  const storage = openStorage(values['data-dir']);
  try {
    if (action === 'export') {
      const json = `${JSON.stringify(exportWorkspace(storage, epochSeconds(systemClock)), null, 2)}\n`;
      if (values.out) writeFileSync(values.out, json);
      else process.stdout.write(json);
    } else if (action === 'import' && file) {
      const counts = importWorkspace(storage, readFileSync(file, 'utf8'), epochSeconds(systemClock));
      process.stdout.write(`Imported ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')}.\n`);
    } else if (action === 'wipe') {
      if (!values.yes) fail('wipe deletes every class, booking and client: run it again with --yes to confirm');
      const removed = wipeWorkspace(storage, epochSeconds(systemClock));
      process.stdout.write(`Wiped ${Object.entries(removed).map(([k, n]) => `${n} ${k}`).join(', ')}.\n`);
    } else {
      fail(`usage: studio-gateway workspace export|import FILE|wipe --yes [--data-dir DIR]`);
    }
  } catch (err) {
    if (err instanceof DomainError) fail(err.message);
    throw err;
  } finally {
    storage.close();
  }
}

async function audit(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      client: { type: 'string' },
      tool: { type: 'string' },
      endpoint: { type: 'string' },
      status: { type: 'string' },
      outcome: { type: 'string' },
      events: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      query: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  // Everything asked is checked before the data folder is opened: a mistyped command creates and changes nothing.
  const command = positionals[0];
  if (command !== 'verify' && command !== 'export') fail('usage: studio-gateway audit export --format csv|jsonl [filters] | audit verify');
  let exportAs: { format: 'csv' | 'jsonl'; filter: AuditFilter } | undefined;
  if (command === 'export') {
    const format = values.format;
    if (format !== 'csv' && format !== 'jsonl') fail('audit export needs --format csv or --format jsonl');
    const parsed = auditFilterInput.safeParse({
      clientId: values.client, tool: values.tool, endpoint: values.endpoint, status: values.status, outcome: values.outcome, events: values.events,
      from: values.from, to: values.to, query: values.query,
    });
    if (!parsed.success) fail(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
    exportAs = { format, filter: auditFilter(parsed.data) };
  }
  const storage = openStorage(values['data-dir']);
  try {
    if (!exportAs) {
      const report = await verifyChain(storage.audit);
      if (report.ok) process.stdout.write(`Audit chain intact: ${report.rows} rows${report.rows ? ` (${report.from}–${report.to})` : ''}.\n`);
      else fail(`audit chain broken at row ${report.brokenAt}: ${report.reason} (${report.rows} rows before it verified).`);
    } else {
      const out = values.out ? createWriteStream(values.out) : process.stdout;
      const { done } = await exportAudit(storage.audit, {
        ...exportAs,
        names: sentenceNames(storage.apps),
        write: (chunk) => (out.write(chunk) ? undefined : new Promise<void>((resolve) => out.once('drain', resolve))),
        onProgress: ({ done, total }) => process.stderr.write(`\rexported ${done} of ${total} rows`),
      });
      if (values.out) await new Promise<void>((resolve) => (out as WriteStream).end(resolve));
      process.stderr.write(`\rexported ${done} rows${' '.repeat(20)}\n`);
    }
  } finally {
    storage.close();
  }
}

/**
 * The stdio bridge (install/stdio-bridge.ts) until the client closes stdin. Nothing but MCP messages may go to stdout:
 * notes go to stderr, which Claude Desktop keeps in its log of this server.
 */
async function bridge(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { url: { type: 'string' }, keychain: { type: 'string' } }, strict: true });
  const log = (line: string) => void process.stderr.write(`studio-gateway bridge: ${line}\n`);
  const { closed } = await runBridge({
    url: values.url ?? '',
    token: () => readBridgeToken(keytarKeyStore(), values.keychain, process.env),
    log,
  });
  await closed;
  process.exit(0);
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') await serve(rest);
    else if (command === 'bridge') await bridge(rest);
    else if (command === 'panel-link') await panelLink(rest);
    else if (command === 'workspace') workspace(rest);
    else if (command === 'audit') await audit(rest);
    else if (command === undefined || command === '--help' || command === '-h' || command === 'help') process.stdout.write(USAGE);
    else fail(`unknown command "${command}"\n\n${USAGE}`);
  } catch (err) {
    if (err instanceof PortInUseError || err instanceof DatabaseTooNewError) fail(err.message);
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) fail(err.message);
    throw err;
  }
}

// Run as a script of its own: the desktop app starts its bundled out/main/cli.js with its Electron binary as Node
// (ELECTRON_RUN_AS_NODE=1) for `bridge`. bin/studio-gateway.js imports this module and calls main() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main(process.argv.slice(2));
