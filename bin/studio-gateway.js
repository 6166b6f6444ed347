#!/usr/bin/env node
// Headless entry. Node >= 22.18 runs the TypeScript sources directly (type stripping): no build step.
import { main } from '../src/main/cli.ts';

await main(process.argv.slice(2));
