import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { measureAuditAtScale } from './audit-at-scale.ts';
import { measureColdStart } from './cold-start.ts';
import { measureShutdown, SHUTDOWN_SIGNALS } from './shutdown.ts';
import { ms, type Summary } from './stats.ts';
import { LIMIT_CALL, LIMIT_SERVERS, measureNodeLimit, type LimitServer } from './node-limit.ts';
import { measureTokenEndpoints, TOKEN_SERVERS, type TokenServer } from './token-endpoint.ts';
import { CONCURRENCY, measureToolCalls, VARIANTS, type Variant } from './tool-calls.ts';

// `npm run bench`: builds what ships, measures it side by side with its references (the bare MCP SDK, oidc-provider
// alone, a bare node:http server), and writes docs/BENCHMARKS.md and docs/benchmarks.json. Figures, not assertions: the
// test suite has no timed test.

const step = (name: string) => process.stderr.write(`bench: ${name}…\n`);
const began = performance.now();

step('build (what ships: bin/studio-gateway.js runs out/main/cli.js)');
execSync('npx electron-vite build', { stdio: 'ignore' });
step('cold start and idle memory');
const coldStart = await measureColdStart();
step('shutdown on SIGTERM and SIGINT');
const shutdown = await measureShutdown();
step('tool calls: bare SDK vs gateway, concurrency 1, 8, 32');
const tools = await measureToolCalls();
step('token endpoint vs oidc-provider alone, 10 refresh-token families at once, interleaved');
const token = await measureTokenEndpoints({ repetitions: 5, concurrency: 10, seconds: 5 });
step(`${LIMIT_CALL.name} at 32 keep-alive connections: node:http echo vs bare SDK vs gateway, interleaved`);
const limit = await measureNodeLimit({ repetitions: 5, connections: 32, seconds: 5 });
step('audit log at 1,000,000 rows');
const audit = await measureAuditAtScale(1_000_000);

const commit = execSync('git rev-parse --short HEAD').toString().trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
const f = (value: number, digits = 2) => value.toFixed(digits);
const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
const row = (name: string, s: Summary) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.min)} – ${ms(s.max)} |`;
const c1 = tools.ratios[1];
const c32 = tools.ratios[32];
const spread = (r: { median: number; min: number; max: number }) => `${f(r.median, 3)}× (${f(r.min, 2)}–${f(r.max, 2)})`;
const gw = token.medians.gateway;
const groupLine = (stats: { groups: number; writes: number } | null, what: string) =>
  stats ? `The gateway committed ${stats.writes.toLocaleString('en')} ${what}s in ${stats.groups.toLocaleString('en')} group commits (${f(stats.writes / stats.groups, 1)} per commit on average; warm-up included).` : '';
const tokenRows = (Object.keys(TOKEN_SERVERS) as TokenServer[])
  .map((name) => {
    const rounds = token.rounds[name];
    const p = (q: (r: (typeof rounds)[number]) => number) => rounds.map((r) => f(q(r), 0)).join(', ');
    return `| ${TOKEN_SERVERS[name]} | ${Math.round(token.medians[name].perSecond)} (${p((r) => r.perSecond)}) | ${ms(token.medians[name].p50)} | ${ms(token.medians[name].p99)} | ${f(Math.min(...rounds.map((r) => r.cpuMsPerExchange)), 2)}–${f(Math.max(...rounds.map((r) => r.cpuMsPerExchange)), 2)} ms |`;
  })
  .join('\n');
const limitRows = (Object.keys(LIMIT_SERVERS) as LimitServer[])
  .map((name) => {
    const m = limit.medians[name];
    return `| ${LIMIT_SERVERS[name]} | ${Math.round(m.requestsPerSecond)} (${limit.runs[name].map((r) => Math.round(r.requestsPerSecond)).join(', ')}) | ${m.p50} ms | ${m.p99} ms (${limit.runs[name].map((r) => r.p99).join(', ')}) | ${Math.round(m.cpuUsPerRequest)} µs |`;
  })
  .join('\n');

const toolRows = (Object.keys(VARIANTS) as Variant[])
  .map((v) =>
    CONCURRENCY.map((c) => {
      const m = tools.medians[v][c];
      return `| ${VARIANTS[v]} | ${c} | ${f(m?.p50 ?? NaN)} ms (${f(m?.p50Range[0] ?? NaN)}–${f(m?.p50Range[1] ?? NaN)}) | ${f(m?.p99 ?? NaN)} ms | ${Math.round(m?.callsPerSecond ?? NaN)} |`;
    }).join('\n'),
  )
  .join('\n');

const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${machine}; the whole run took
${Math.round((performance.now() - began) / 1000)} s. Each server runs in its own process; this process drives it. Every
figure below comes from this one run; the raw numbers are in \`docs/benchmarks.json\`. Where the time goes, what was
changed and why the misses are missed: [performance.md](performance.md).

## Targets

| target | measured | |
| --- | --- | --- |
| Audited tool call p50 ≤ 1.1× bare SDK at concurrency 1 | ${f(c1?.p50 ?? NaN, 3)}× | ${mark((c1?.p50 ?? 9) <= 1.1)} |
| Audited tool call p99 ≤ 1.5× bare SDK at concurrency 1 | ${f(c1?.p99 ?? NaN, 3)}× | ${mark((c1?.p99 ?? 9) <= 1.5)} |
| Throughput at concurrency 32 ≥ 1.0× bare SDK | ${f(c32?.throughput ?? NaN, 3)}× | ${mark((c32?.throughput ?? 0) >= 1)} |
| Refresh exchanges/s ≥ 1.0× oidc-provider alone (same run, concurrency 10) | ${spread(token.ratios.throughput)} | ${mark(token.ratios.throughput.median >= 1)} |
| Refresh exchange p99 ≤ 1.5× oidc-provider alone | ${spread(token.ratios.p99)} | ${mark(token.ratios.p99.median <= 1.5)} |
| ≥ 1,000 refresh exchanges/s at concurrency 10 | ${Math.round(gw.perSecond)}/s | ${mark(gw.perSecond >= 1000)} |
| Refresh exchange p99 ≤ 20 ms at concurrency 10 | ${ms(gw.p99)} | ${mark(gw.p99 <= 20)} |
| Audited tools/call ≥ 0.5× a node:http JSON-RPC echo (autocannon, 32 connections) | ${spread(limit.ratios.gateway)} | ${mark(limit.ratios.gateway.median >= 0.5)} |
| Audited tools/call p99 ≤ 5 ms at 32 connections | ${limit.medians.gateway.p99} ms | ${mark(limit.medians.gateway.p99 <= 5)} |
| 1M-row audit: filtered page p95 ≤ 20 ms | ${ms(audit.filteredPage.p95)} | ${mark(audit.filteredPage.p95 <= 20)} |
| 1M-row audit: text search ≤ 100 ms (slowest query) | ${ms(audit.textSearch.max)} | ${mark(audit.textSearch.max <= 100)} |
| 1M-row audit: full CSV export ≤ 10 s | ${f(audit.csvExportSeconds, 1)} s | ${mark(audit.csvExportSeconds <= 10)} |
| Cold start ≤ 500 ms (p50 of ${coldStart.start.n}) | ${ms(coldStart.start.p50)} | ${mark(coldStart.start.p50 <= 500)} |
| Idle RSS ≤ 120 MB (max of ${coldStart.idleRssMiB.n}) | ${f(coldStart.idleRssMiB.max, 0)} MiB | ${mark(coldStart.idleRssMiB.max <= 120)} |

## 1. Tool-call overhead

The same read tool (\`list_bookings\`, 5 confirmed bookings) on the same demo workspace, through the MCP SDK client
(Streamable HTTP), ${tools.runs.bare[1]?.length ?? 0} interleaved repetitions of ${tools.runs.bare[1]?.[0]?.latency.n ?? 0} calls per concurrency. Medians of the repetitions;
in brackets the spread of p50 over the repetitions.

| server | concurrency | p50 | p99 | calls/s |
| --- | --- | --- | --- | --- |
${toolRows}

Gateway ÷ bare (median of per-repetition ratios):

| concurrency | p50 | p99 | throughput |
| --- | --- | --- | --- |
${CONCURRENCY.map((c) => `| ${c} | ${f(tools.ratios[c]?.p50 ?? NaN, 3)}× | ${f(tools.ratios[c]?.p99 ?? NaN, 3)}× | ${f(tools.ratios[c]?.throughput ?? NaN, 3)}× |`).join('\n')}

## 2. Token endpoint beside oidc-provider alone

The gateway's token endpoint and oidc-provider itself — the same version and the gateway's own configuration
(\`createAuthorizationServer\`) with the library's in-memory adapter, on a bare node:http server, no audit row — each in
its own process, ${token.concurrency} refresh-token families at once, each exchanging its latest refresh token for the next for
${token.seconds} s; ${token.rounds.gateway.length} rounds each, interleaved (the order alternating), every round on fresh families (the in-memory adapter
walks every token a family ever had on each save). The gateway rotates in SQLite (the old token consumed, the new
ones stored hashed) and writes an audit row, all committed before the answer. Medians of the rounds; in brackets
each round's figure; CPU is the server process's per exchange.

| server | exchanges/s (rounds) | p50 | p99 | CPU per exchange |
| --- | --- | --- | --- | --- |
${tokenRows}

Gateway ÷ oidc-provider alone, per round: throughput ${spread(token.ratios.throughput)}, p99 ${spread(token.ratios.p99)} (median, min–max).
${groupLine(token.groupCommit, 'exchange')}

## 3. An audited tool call beside Node's own HTTP stack

\`${LIMIT_CALL.name}\` (a read tool whose own work is one row) posted by autocannon over ${limit.connections} keep-alive connections for
${limit.seconds} s, ${limit.runs.gateway.length} repetitions, interleaved (the order rotating): a node:http server that parses the JSON-RPC body and answers
its id with a fixed result (the same bytes the gateway answers), the bare MCP SDK server, and the gateway (bearer
check, scope check, the tool, its audit row committed before the answer; the load spread over 16 apps, as one app may
make at most 100,000 calls a minute). Medians of the repetitions; in brackets each repetition's figure; latency
percentiles are autocannon's (whole ms); CPU is the server process's per request.

| server | requests/s (repetitions) | p50 | p99 | CPU per request |
| --- | --- | --- | --- | --- |
${limitRows}

÷ the echo's requests/s, per repetition: gateway ${spread(limit.ratios.gateway)}, bare SDK ${spread(limit.ratios.bare)} (median, min–max).
${groupLine(limit.groupCommit, 'call')}

## 4. Audit log at scale

| measurement | figure |
| --- | --- |
| Build ${audit.rows.toLocaleString('en')} rows through the real insert path (redaction, chain, daily counts) | ${f(audit.buildSeconds, 1)} s, file ${f(audit.fileMb, 0)} MiB |
| Full-text index of all those rows in one batch (the gateway indexes 250 new rows at a time, and before each search) | ${f(audit.textIndexSeconds, 1)} s |
| Filtered page of 50 (client, client+status, tool+week, client+tool+status, one day), ${audit.filteredPage.n} queries | p50 ${ms(audit.filteredPage.p50)}, p95 ${ms(audit.filteredPage.p95)}, p99 ${ms(audit.filteredPage.p99)} |
| Text search, page of 50 (one word, two words, word+client), ${audit.textSearch.n} queries | p50 ${ms(audit.textSearch.p50)}, p95 ${ms(audit.textSearch.p95)}, max ${ms(audit.textSearch.max)} |
| Full CSV export of every row | ${f(audit.csvExportSeconds, 1)} s |

## 5. Start, shutdown and memory

| measurement | samples | p50 | p99 | range |
| --- | --- | --- | --- | --- |
${row('Headless cold start (`studio-gateway serve`) → first 200 on the protected resource metadata (after one discarded start)', coldStart.start)}
${SHUTDOWN_SIGNALS.map((signal) => row(`Shutdown: ${signal} → process exit, demo workspace, one client connection open (exit code ${shutdown[signal].exitCodes.join(', ')})`, shutdown[signal].time)).join('\n')}

| RSS | MiB |
| --- | --- |
| Gateway at rest, ${coldStart.idleRssMiB.n} fresh starts (p50 / max) | ${f(coldStart.idleRssMiB.p50, 0)} / ${f(coldStart.idleRssMiB.max, 0)} |
| Gateway with the demo workspace, before the tool-call load | ${f(tools.rssMiB.gatewayIdle, 0)} |
| Gateway after the tool-call load | ${f(tools.rssMiB.gatewayAfterLoad, 0)} |
| Bare SDK server after the same load | ${f(tools.rssMiB.bareAfterLoad, 0)} |
`;
writeFileSync(new URL('../docs/BENCHMARKS.md', import.meta.url), report);
writeFileSync(new URL('../docs/benchmarks.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), commit, machine, coldStart, shutdown, tools, token, limit, audit }, null, 2)}\n`);
process.stdout.write(report);
