/**
 * Node counterpart of `bundled.ts`: reads the bundled datasets from `./data/` next to this module
 * (resolved from `import.meta.url`, so it works from any working directory under tsx or vitest).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundledTexts } from './bundled';

/** Defined (true) in the CLI bundle, dist-cli/, where this module's code sits one folder below the root. */
declare const __CLI_BUNDLE__: boolean | undefined;
const DATA_DIR = typeof __CLI_BUNDLE__ === 'undefined' ? './data/' : '../src/lib/probes/data/';

const FILES: Readonly<Record<keyof BundledTexts, string>> = {
  corpus: 'corpus.txt',
  coref: 'coref.json',
  deps: 'deps.conllu',
};

/** Absolute path of one bundled dataset file. */
export function bundledPath(name: keyof BundledTexts): string {
  return fileURLToPath(new URL(`${DATA_DIR}${FILES[name]}`, import.meta.url));
}

/** Reads one bundled dataset as UTF-8 text. */
export function readBundledText(name: keyof BundledTexts): string {
  return readFileSync(bundledPath(name), 'utf8');
}

/** Reads all three bundled datasets (synchronously; they are small). */
export function loadBundledTexts(): BundledTexts {
  return { corpus: readBundledText('corpus'), coref: readBundledText('coref'), deps: readBundledText('deps') };
}
