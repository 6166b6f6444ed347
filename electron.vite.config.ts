import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: { rollupOptions: { input: { index: 'src/main/index.ts' } } },
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
    plugins: [react()],
  },
});
