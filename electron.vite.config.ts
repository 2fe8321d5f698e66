import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/** Modules of the renderer's shell chunk (see renderer.build below). */
const SHELL_MODULES = new RegExp(
  [
    String.raw`node_modules[\\/](react|react-dom|scheduler|zustand|use-sync-external-store|lucide-react)[\\/]`,
    String.raw`src[\\/]renderer[\\/](api|host-events|workflows|common[\\/]failure)\.ts$`,
    String.raw`src[\\/]renderer[\\/][a-z-]+[\\/][a-z-]*store\.ts$`,
    String.raw`src[\\/]shared[\\/]`,
  ].join('|'),
);

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // smithy's signer is bundled (tree-shaken from its ES modules) rather than required whole:
      // requiring @smithy/core's CommonJS build cost more than the rest of \`signet sign\`'s start-up.
      externalizeDeps: { exclude: ['@smithy/signature-v4', '@smithy/protocol-http', '@smithy/core', '@smithy/types'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require a few built-ins: bundle everything, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, React's DOM renderer is a third of its size
      // and the first paint loads under the budget scripts/check-bundle-size.mjs holds it to.
      minify: true,
      rollupOptions: {
        input: resolve(__dirname, 'src/renderer/index.html'),
        // What the first paint needs and the lazy panels share (React, zustand, icons, the api,
        // the stores, shared basics) goes in one "shell" chunk instead of about a dozen small
        // ones: the browser host serves over HTTP/1.1, six files at a time, and the waves cost
        // the 10,000-request sidebar's first row about 30 ms (bench-sidebar, 5 runs each).
        output: { advancedChunks: { groups: [{ name: 'shell', test: SHELL_MODULES }] } },
      },
    },
  },
});
