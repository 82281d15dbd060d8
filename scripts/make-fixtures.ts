/**
 * Writes the random-weight model fixtures (nothing binary is committed).
 *
 *   npx tsx scripts/make-fixtures.ts [--force] [names...]
 *
 * Default names: tiny, tiny-fused-ln, demo, known, fused, notbert. `base` (a
 * bert-base-shaped ~0.5 GB model for benchmarks) is built only when named.
 * A fixture is skipped when its `fixture.json` stamp matches the generator
 * version and options and all its files exist.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FIXTURE_GENERATOR_VERSION,
  FIXTURE_PRODUCER,
  writeBertFixture,
  writeFusedAttentionFixture,
  writeNonBertFixture,
} from './fixture/bertFixture';
import { resolveBertFixtureOptions } from './fixture/bertWeights';
import { jsonText, writeFixtureFiles } from './fixture/fixtureFiles';
import { resolveFusedAttentionOptions, resolveNonBertFixtureOptions } from './fixture/otherFixtures';
import {
  DEFAULT_FIXTURES,
  FIXTURE_PRESETS,
  isFixtureName,
  type FixtureName,
  type FixturePreset,
} from './fixture/presets';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP_FILE = 'fixture.json';

interface FixtureStamp {
  generator: string;
  generator_version: number;
  name: string;
  kind: FixturePreset['kind'];
  options: unknown;
  files: string[];
}

/** Effective options, so a change of defaults also invalidates stamps. */
function resolvedOptions(preset: FixturePreset): unknown {
  switch (preset.kind) {
    case 'bert':
      return resolveBertFixtureOptions(preset.options);
    case 'fused-attention':
      return resolveFusedAttentionOptions(preset.options);
    case 'non-bert':
      return resolveNonBertFixtureOptions(preset.options);
  }
}

function expectedStamp(name: FixtureName, preset: FixturePreset): Omit<FixtureStamp, 'files'> {
  return {
    generator: FIXTURE_PRODUCER,
    generator_version: FIXTURE_GENERATOR_VERSION,
    name,
    kind: preset.kind,
    options: resolvedOptions(preset),
  };
}

function isUpToDate(dir: string, expected: Omit<FixtureStamp, 'files'>): boolean {
  const stampPath = join(dir, STAMP_FILE);
  if (!existsSync(stampPath)) return false;
  try {
    const { files, ...rest } = JSON.parse(readFileSync(stampPath, 'utf8')) as FixtureStamp;
    return JSON.stringify(rest) === JSON.stringify(expected) && files.every((f) => existsSync(join(dir, f)));
  } catch {
    return false;
  }
}

function writePreset(dir: string, preset: FixturePreset): string[] {
  switch (preset.kind) {
    case 'bert': {
      const files = writeBertFixture(dir, preset.options).files;
      if (preset.readme === undefined) return files;
      writeFixtureFiles(dir, { 'README.txt': preset.readme });
      return [...files, 'README.txt'];
    }
    case 'fused-attention':
      return writeFusedAttentionFixture(dir, preset.options).files;
    case 'non-bert':
      return writeNonBertFixture(dir, preset.options).files;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

function makeFixture(name: FixtureName, force: boolean): void {
  const preset: FixturePreset = FIXTURE_PRESETS[name];
  const dir = join(REPO_ROOT, preset.dir);
  const expected = expectedStamp(name, preset);
  if (!force && isUpToDate(dir, expected)) {
    console.log(`${name}: up to date (${preset.dir})`);
    return;
  }
  // Drop the stamp first: an interrupted write must not look up to date.
  rmSync(join(dir, STAMP_FILE), { force: true });
  const started = performance.now();
  const files = writePreset(dir, preset);
  const stamp: FixtureStamp = { ...expected, files };
  writeFixtureFiles(dir, { [STAMP_FILE]: jsonText(stamp) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const modelPath = join(dir, 'onnx/model.onnx');
  const size = existsSync(modelPath) ? `, model ${formatBytes(statSync(modelPath).size)}` : '';
  console.log(`${name}: wrote ${preset.dir} in ${seconds} s${size}`);
}

function main(argv: string[]): void {
  const force = argv.includes('--force');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !isFixtureName(n));
  if (unknown.length > 0) {
    console.error(`unknown fixture(s): ${unknown.join(', ')}; known: ${Object.keys(FIXTURE_PRESETS).join(', ')}`);
    process.exit(2);
  }
  const selected = names.length > 0 ? names.filter(isFixtureName) : DEFAULT_FIXTURES;
  for (const name of selected) makeFixture(name, force);
}

main(process.argv.slice(2));
