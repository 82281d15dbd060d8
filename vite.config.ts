import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Cross-origin isolation lets ORT's WASM backend use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: 'src',
  // Real 404s for missing files (a model folder without a quantized export), not index.html.
  appType: 'mpa',
  plugins: [svelte({ configFile: '../svelte.config.js' })],
  publicDir: '../static',
  server: { headers: isolation, port: 5173 },
  preview: { headers: isolation, port: 4173 },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
  test: {
    dir: fileURLToPath(new URL('.', import.meta.url)),
    include: ['{src,workers,scripts}/**/*.test.ts'],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: fileURLToPath(new URL('.reports/vitest.json', import.meta.url)) },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
  build: { target: 'es2022', outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
