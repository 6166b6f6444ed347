import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { cspMetaTag } from './src/main/desktop/csp.ts';

/** The built panel carries its CSP as a <meta> too (file:// pages may get no headers); the dev server does not. */
const cspMeta: Plugin = {
  name: 'studio-gateway-csp-meta',
  apply: 'build',
  transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${cspMetaTag()}`),
};

export default defineConfig({
  main: {
    // index: the desktop app; cli: the headless gateway (bin/studio-gateway.js runs it when built); gateway: the
    // same for the benchmark. Pure-JS dependencies are bundled in: one file loads in half the time and with 20 MB
    // less memory than hundreds of modules (docs/BENCHMARKS.md). Native ones (better-sqlite3, keytar) stay outside.
    build: {
      rollupOptions: {
        input: { index: 'src/main/index.ts', cli: 'src/main/cli.ts', gateway: 'src/main/gateway.ts' },
        // depd (under koa) builds deprecation wrappers with eval; bundled, it still runs as it does unbundled.
        onwarn(warning, warn) {
          if (warning.code === 'EVAL' && warning.id?.includes('/node_modules/depd/')) return;
          warn(warning);
        },
      },
      externalizeDeps: { exclude: ['oidc-provider', '@modelcontextprotocol/sdk', 'zod', 'openid-client', 'tsdav', 'ical.js', 'ical-generator', 'timezones-ical-library', '@date-fns/tz'] },
    },
  },
  preload: {
    // A sandboxed preload must be CommonJS (Electron docs, "Process Sandboxing").
    build: { rollupOptions: { input: { index: 'src/preload/index.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } } },
  },
  renderer: {
    root: 'src/renderer',
    // Relative asset URLs: the same build loads from file:// in the desktop app and from /panel/ headless.
    base: './',
    build: { minify: true, rollupOptions: { input: 'src/renderer/index.html' } },
    plugins: [react(), cspMeta],
  },
});
