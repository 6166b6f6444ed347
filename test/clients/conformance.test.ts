import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetFor } from '../../src/shared/snippets.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { bearerClient } from '../support/mcp-agent.ts';
import { startBearerProxy, type BearerProxy } from './bearer-proxy.ts';
import { installedBin, privateHome, run, type RunResult } from './support.ts';

/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance), every server scenario, against the running
 * gateway through a Full control setup-snippet token. The suite's runner takes a URL and no headers, so it talks to a
 * pass-through proxy that adds the snippet's Authorization header (bearer-proxy.ts). Scenarios that need what this
 * server does not offer are listed, each with why, in conformance-baseline.json.
 */

const BIN = installedBin('@modelcontextprotocol/conformance', 'conformance');

interface Baseline {
  scenarios: Record<string, { why: string; failsWith: string }>;
}
const BASELINE = (JSON.parse(readFileSync(new URL('./conformance-baseline.json', import.meta.url), 'utf8')) as Baseline).scenarios;

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  errorMessage?: string;
  details?: unknown;
}

let tg: TestGateway;
let proxy: BearerProxy;
let home: ReturnType<typeof privateHome>;
let scenarios: string[];
let outcome: RunResult;
/** Each scenario that ran, with its checks. */
const results = new Map<string, Check[]>();

/** A scenario fails when any of its checks is a FAILURE or a WARNING: how the suite's own runner counts it. */
const failedChecks = (name: string) => (results.get(name) ?? []).filter((check) => check.status === 'FAILURE' || check.status === 'WARNING');
const describeCheck = (check: Check) => `${check.id} ${check.status}: ${check.errorMessage ?? ''} ${JSON.stringify(check.details ?? null)}`;

describe.skipIf(!BIN)('the MCP conformance suite (server scenarios) against the gateway', () => {
  beforeAll(async () => {
    const bin = BIN as string;
    tg = await startTestGateway();
    home = privateHome('sg-conformance-');
    // The suite sends about a hundred requests within a second; the default tool-call limit (a burst of 60, then 600
    // a minute) would answer part of them 429. The owner raises it in Settings, as for any busy agent (the limit has
    // tests of its own: test/adversarial/abuse-limits.test.ts).
    await tg.owner.ok('settings.update', { toolCallLimit: { burst: 10_000, perMinute: 100_000 } });
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'full-control', clientName: 'Conformance suite', expiresInDays: 1 });
    const generic = JSON.parse(snippetFor('generic', tg.gateway.mcpUrl, 'studio-gateway', minted.token).text) as { url: string; headers: { Authorization: string } };
    proxy = await startBearerProxy(generic.url, generic.headers.Authorization.replace(/^Bearer /, ''));

    const listed = await run(bin, ['list', '--server'], { env: { HOME: home.dir } });
    scenarios = [...listed.stdout.matchAll(/^\s+- (\S+)/gm)].map((m) => m[1] as string);

    // The runner's own baseline check too: the same list as YAML (JSON is YAML).
    const expected = join(home.dir, 'expected-failures.yml');
    writeFileSync(expected, JSON.stringify({ server: Object.keys(BASELINE) }));
    const out = join(home.dir, 'results');
    mkdirSync(out);
    outcome = await run(bin, ['server', '--url', proxy.url, '--suite', 'all', '--expected-failures', expected, '-o', out], { env: { HOME: home.dir }, cwd: home.dir });
    for (const dir of readdirSync(out)) {
      const name = /^server-(.+)-\d{4}-\d\d-\d\dT[\d-]+Z$/.exec(dir)?.[1];
      if (name) results.set(name, JSON.parse(readFileSync(join(out, dir, 'checks.json'), 'utf8')) as Check[]);
    }
  }, 60_000);

  afterAll(async () => {
    await proxy?.close();
    await tg?.close();
    home?.remove();
  });

  it('runs every server scenario the suite has, through the snippet token', () => {
    expect(scenarios.length).toBeGreaterThan(20);
    expect([...results.keys()].sort()).toEqual([...scenarios].sort());
    expect(proxy.forwarded).toBeGreaterThan(scenarios.length);
  });

  it('passes every scenario outside the baseline', () => {
    const unexpected = scenarios.filter((name) => !(name in BASELINE) && failedChecks(name).length > 0);
    expect(unexpected.map((name) => ({ name, failed: failedChecks(name).map(describeCheck) }))).toEqual([]);
    // What passes here is what this server is for: the handshake, ping, tools/list and DNS-rebinding protection.
    for (const name of ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection']) {
      expect(results.get(name)?.some((check) => check.status === 'SUCCESS'), name).toBe(true);
    }
  });

  it('still fails every baseline scenario, for the reason the baseline gives (a passing one must leave the baseline)', () => {
    const stale = Object.keys(BASELINE).filter((name) => failedChecks(name).length === 0);
    expect.soft(stale, 'these scenarios pass now: remove them from test/clients/conformance-baseline.json').toEqual([]);
    const otherwise = Object.entries(BASELINE)
      .filter(([name, entry]) => failedChecks(name).length > 0 && !failedChecks(name).some((check) => new RegExp(entry.failsWith).test(describeCheck(check))))
      .map(([name, entry]) => ({ name, failsWith: entry.failsWith, failed: failedChecks(name).map(describeCheck) }));
    expect(otherwise, 'these scenarios fail for another reason than their baseline entry gives').toEqual([]);
  });

  it('keeps an honest baseline: real scenario names, a reason for each, and capabilities the gateway indeed does not offer', async () => {
    for (const [name, entry] of Object.entries(BASELINE)) {
      expect(scenarios, `${name} is not a scenario of the suite`).toContain(name);
      expect(entry.why.length, name).toBeGreaterThan(30);
    }
    const minted = await tg.owner.ok('tokens.mint', { bundle: 'read-only', clientName: 'Capabilities', expiresInDays: 1 });
    const client = await bearerClient(tg.gateway.mcpUrl, minted.token);
    const capabilities = client.getServerCapabilities() ?? {};
    await client.close();
    expect(capabilities.tools).toBeDefined();
    for (const missing of ['resources', 'prompts', 'logging', 'completions'] as const) expect(capabilities[missing], missing).toBeUndefined();
  });

  it('agrees with the runner’s own verdict: with the baseline as its expected failures, it exits 0', () => {
    expect(outcome.stdout).toContain('Baseline check passed');
    expect(outcome.code, outcome.stdout.slice(-2000)).toBe(0);
  });
});
