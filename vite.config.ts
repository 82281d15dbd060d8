import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Cross-origin isolation lets ORT's WASM backend use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The app uses transformers.js for tokenizers only; workers/ortRuntime.ts loads the ONNX runtime
 * build the chosen backend needs. transformers.js imports the WebGPU build statically, which would
 * put it in every load: its import is answered with an empty runtime (transformers.js reads it
 * only when it creates sessions itself, which the app never asks it to do).
 */
const TRANSFORMERS_ORT_STUB = '\0transformers-ort-stub';
const tokenizersOnly: Plugin = {
  name: 'transformers-tokenizers-only',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === 'onnxruntime-web/webgpu' && importer?.includes('@huggingface/transformers')) {
      return TRANSFORMERS_ORT_STUB;
    }
    return null;
  },
  load(id) {
    if (id !== TRANSFORMERS_ORT_STUB) return null;
    return 'export const env = {};\nexport const InferenceSession = undefined;\nexport const Tensor = undefined;\n';
  },
};

export default defineConfig({
  root: 'src',
  // Real 404s for missing files (a model folder without a quantized export), not index.html.
  appType: 'mpa',
  plugins: [tokenizersOnly, svelte({ configFile: '../svelte.config.js' })],
  publicDir: '../static',
  server: { headers: isolation, port: 5173 },
  preview: { headers: isolation, port: 4173 },
  worker: { format: 'es', plugins: () => [tokenizersOnly] },
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
