#!/usr/bin/env node
// Headless entry. Runs the built gateway (out/main/cli.js, made by `npx electron-vite build`) when there is one and
// it is not older than the sources beside it: plain JS starts faster and lighter. Otherwise Node >= 22.18 runs the
// TypeScript sources directly (type stripping).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

/** The newest modification time of the files under a folder (ms), 0 when there is none. */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((latest, entry) => Math.max(latest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs), 0);
}

// V8's code cache on disk (Node "Module compile cache"): later starts skip compiling the same modules again.
enableCompileCache?.();
const built = new URL('../out/main/cli.js', import.meta.url);
const sources = ['main', 'shared'].map((dir) => newest(new URL(`../src/${dir}`, import.meta.url).pathname));
const fresh = existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources);
const { main } = await import(fresh ? built.href : '../src/main/cli.ts');
await main(process.argv.slice(2));
