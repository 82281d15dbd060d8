#!/usr/bin/env node
/**
 * Builds the `bertology` CLI (scripts/cli/main.ts and the app modules it imports) into one JavaScript
 * bundle in dist-cli/, so the command starts without transpiling TypeScript. Run by `npm ci` /
 * `npm install` (the `prepare` script) and by `npm run build:cli`. Packages stay in node_modules
 * (imported at run time); model runtimes are split into chunks loaded only when a model is.
 *
 * dist-cli/build.json lists the source files that went in: the launcher (scripts/bertology.js) runs
 * the sources through tsx instead when one of them is newer than the bundle.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = process.env.BERTOLOGY_CLI_OUTDIR ?? `${root}dist-cli`;

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // Installed without devDependencies: the launcher falls back to tsx, or says how to build.
  console.warn('build-cli: esbuild is not installed, so the CLI bundle was not built (the CLI will run through tsx).');
  process.exit(0);
}

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { main: 'scripts/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  // Modules that find files next to themselves ask this to know they are in dist-cli/.
  define: { __CLI_BUNDLE__: 'true' },
  chunkNames: '[name]-[hash]', // flat: every file one folder below the root (see __CLI_BUNDLE__)
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/'));
writeFileSync(`${outdir}/build.json`, `${JSON.stringify({ builtAt: Date.now(), inputs }, null, 1)}\n`);
console.log(`build-cli: ${inputs.length} modules → ${outdir}/main.js in ${Math.round(performance.now() - started)} ms`);
