#!/usr/bin/env node
// Headless entry. Runs the built gateway (out/main/cli.js, made by `npx electron-vite build`) when there is one:
// plain JS starts faster and lighter. Otherwise Node >= 22.18 runs the TypeScript sources directly (type stripping).
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

// V8's code cache on disk (Node "Module compile cache"): later starts skip compiling the same modules again.
enableCompileCache?.();
const built = new URL('../out/main/cli.js', import.meta.url);
const { main } = await import(existsSync(built) ? built.href : '../src/main/cli.ts');
await main(process.argv.slice(2));
