import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderToolsDoc } from '../../scripts/tools-doc.ts';

it('keeps docs/tools.md in step with the tool table (run `npm run docs:tools` after changing a tool)', () => {
  expect(readFileSync(new URL('../../docs/tools.md', import.meta.url), 'utf8')).toBe(renderToolsDoc());
});
