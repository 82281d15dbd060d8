#!/usr/bin/env node
// The `bertology` command. Runs the CLI bundle (dist-cli/, built by `npm ci` through the `prepare`
// script, or `npm run build:cli`); when the bundle is missing, or a source file is newer than it,
// runs the TypeScript sources (scripts/cli/main.ts) through tsx instead, and says so.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.env.BERTOLOGY_CLI_OUTDIR ?? `${root}dist-cli`;

/** Why the bundle cannot be used, or null when it can. */
function bundleProblem() {
  let build;
  try {
    build = JSON.parse(readFileSync(`${dir}/build.json`, 'utf8'));
  } catch {
    return 'the CLI bundle (dist-cli/) is missing';
  }
  for (const input of build.inputs) {
    const mtime = statSync(root + input, { throwIfNoEntry: false })?.mtimeMs;
    if (mtime === undefined || mtime > build.builtAt) return `${input} changed after the CLI bundle was built`;
  }
  return null;
}

const problem = bundleProblem();
if (problem === null) {
  await import(new URL(`file://${dir}/main.js`).href);
} else {
  process.stderr.write(
    `note: ${problem}; running the sources through tsx (slower start; npm run build:cli rebuilds).\n`,
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli/main.ts');
}
