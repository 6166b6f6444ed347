import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { TOOLS } from '../src/main/mcp/tools/index.ts';
import { isProOnly } from '../src/main/studio/tier.ts';
import { SCOPES } from '../src/shared/scopes.ts';

// `npm run docs:tools` writes docs/tools.md from the tool table; a test fails when the file is stale.

const DOC = new URL('../docs/tools.md', import.meta.url);

function fields(schema: z.ZodObject): string {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
  const required = new Set(json.required ?? []);
  const names = Object.keys(json.properties ?? {});
  return names.length ? names.map((n) => (required.has(n) ? `\`${n}\`` : `\`${n}\`?`)).join(', ') : '—';
}

export function renderToolsDoc(): string {
  const rows = TOOLS.map((tool) => {
    const hints = [tool.annotations.readOnlyHint ? 'read-only' : 'writes', tool.annotations.destructiveHint ? 'destructive' : ''].filter(Boolean).join(', ');
    return `| \`${tool.name}\` | ${tool.scopes.map((s) => `\`${s}\``).join(' or ')} | ${isProOnly(tool.scopes) ? 'Pro+' : ''} | ${hints} | ${fields(tool.input)} | ${tool.description.replace(/\|/g, '\\|')} |`;
  });
  const perScope = SCOPES.filter((s) => s.resource || s.name === 'read:public')
    .map((scope) => {
      const tools = TOOLS.filter((t) => t.scopes.includes(scope.name)).map((t) => `\`${t.name}\``);
      return `| \`${scope.name}\` | ${tools.length} | ${tools.join(', ')} |`;
    });
  return `# MCP tools

Generated from the tool table (\`src/main/mcp/tools/\`) by \`npm run docs:tools\`; a test fails when this file is
stale. A tool is allowed when the grant holds **any one** of its scopes. Tiers are additive: a write scope also
allows the read tools of its resource, and a delete scope the write and read tools. Pro+ tools answer
"upgrade required" on the Free tier whatever the grant. \`?\` marks optional arguments.

| tool | scopes (any of) | plan | kind | arguments | description |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## Tools per scope (${TOOLS.length} tools)

Counted by the scope named on the tool; through additive tiers, a grant of \`write:X\` also reaches every
\`read:X\` tool.

| scope | tools | names |
| --- | --- | --- |
${perScope.join('\n')}
`;
}

if (import.meta.main) {
  writeFileSync(DOC, renderToolsDoc());
  process.stdout.write(`wrote ${DOC.pathname}\n`);
}
