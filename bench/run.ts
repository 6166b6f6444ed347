import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { measureAuditAtScale } from './audit-at-scale.ts';
import { measureAuditOverhead } from './audit-overhead.ts';
import { measureColdStart } from './cold-start.ts';
import { ms, type Summary } from './stats.ts';
import { measureTokenRoundTrip } from './token-round-trip.ts';

// `npm run bench`: measures, prints, and writes docs/BENCHMARKS.md and docs/benchmarks.json. Figures, not
// assertions: the test suite has no timed test.

const row = (name: string, s: Summary) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.min)} – ${ms(s.max)} |`;
const step = (name: string) => process.stderr.write(`bench: ${name}…\n`);

step('cold start');
const coldStart = await measureColdStart();
step('token round trip');
const tokenRoundTrip = await measureTokenRoundTrip();
step('audited vs unaudited tool call');
const overhead = await measureAuditOverhead();
step('audit log at 1,000,000 rows');
const audit = await measureAuditAtScale(1_000_000);

const commit = execSync('git rev-parse --short HEAD').toString().trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const auditedP50 = overhead.audited.map((r) => r.latency.p50);
const unauditedP50 = overhead.unaudited.map((r) => r.latency.p50);
const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${machine}.
Latencies are per request, measured by the driving process; each table row is one measurement.

## Start and tokens

| measurement | samples | p50 | p95 | p99 | range |
| --- | --- | --- | --- | --- | --- |
${row('Headless cold start → first 200 on /.well-known/oauth-protected-resource/mcp', coldStart)}
${row('Refresh-token exchange over HTTP, sequential (rotation + SQLite)', tokenRoundTrip)}

## Audit log

| measurement | figure | target |
| --- | --- | --- |
| Audited / unaudited tool call, p50 at concurrency 1 (median of ${overhead.audited.length} interleaved runs) | **${overhead.ratioP50.toFixed(3)}×** (audited p50s ${auditedP50.map((v) => v.toFixed(3)).join(', ')} ms; unaudited ${unauditedP50.map((v) => v.toFixed(3)).join(', ')} ms) | ≤ 1.25× |
| Build ${audit.rows.toLocaleString('en')} rows through the real insert path (redaction, chain, daily counts) | ${audit.buildSeconds.toFixed(1)} s, file ${audit.fileMb.toFixed(0)} MiB | — |
| Full-text index of all those rows in one batch (the gateway indexes every 5 s and before each search) | ${audit.textIndexSeconds.toFixed(1)} s | — |
| Filtered page of 50 (client, client+status, tool+week, client+tool+status, one day), ${audit.filteredPage.n} queries | p50 ${ms(audit.filteredPage.p50)}, **p95 ${ms(audit.filteredPage.p95)}**, p99 ${ms(audit.filteredPage.p99)} | p95 ≤ 20 ms |
| Text search, page of 50 (one word, two words, word+client), ${audit.textSearch.n} queries | p50 ${ms(audit.textSearch.p50)}, p95 ${ms(audit.textSearch.p95)}, **max ${ms(audit.textSearch.max)}** | ≤ 100 ms |
| Full CSV export of every row | **${audit.csvExportSeconds.toFixed(1)} s** | ≤ 10 s |
`;
writeFileSync(new URL('../docs/BENCHMARKS.md', import.meta.url), report);
writeFileSync(new URL('../docs/benchmarks.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), commit, machine, coldStart, tokenRoundTrip, overhead, audit }, null, 2)}\n`);
process.stdout.write(report);
