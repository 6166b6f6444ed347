import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { measureColdStart } from './cold-start.ts';
import { ms, type Summary } from './stats.ts';
import { measureTokenRoundTrip } from './token-round-trip.ts';

// `npm run bench`: measures, prints, and writes docs/BENCHMARKS.md. Figures, not assertions.

const row = (name: string, s: Summary) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.min)} – ${ms(s.max)} |`;

const coldStart = await measureColdStart();
const tokenRoundTrip = await measureTokenRoundTrip();

const commit = execSync('git rev-parse --short HEAD').toString().trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${machine}.

| measurement | samples | p50 | p99 | range |
| --- | --- | --- | --- | --- |
${row('Headless cold start → first 200 on /.well-known/oauth-protected-resource/mcp', coldStart)}
${row('Refresh-token exchange over HTTP, sequential (rotation + SQLite)', tokenRoundTrip)}
`;
writeFileSync(new URL('../docs/BENCHMARKS.md', import.meta.url), report);
process.stdout.write(report);
