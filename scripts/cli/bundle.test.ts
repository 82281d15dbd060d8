/**
 * The CLI as installed: `npm ci` builds dist-cli/ (the `prepare` script) and scripts/bertology.js runs
 * it; without a bundle, or with a source newer than it, the launcher runs the sources through tsx.
 * Built here into dist-cli-test/ (one folder below the root, like dist-cli/) so that other tests
 * using dist-cli/ are not disturbed.
 */
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const OUT = `${repo}dist-cli-test`;
const exec = promisify(execFile);

async function launch(outdir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, BERTOLOGY_CLI_OUTDIR: outdir };
  try {
    const { stdout, stderr } = await exec('node', ['scripts/bertology.js', ...args], {
      cwd: repo,
      env,
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return error as { code: number; stdout: string; stderr: string };
  }
}

describe('the CLI bundle', () => {
  beforeAll(async () => {
    const { stdout } = await exec('node', ['scripts/build-cli.mjs'], {
      cwd: repo,
      env: { ...process.env, BERTOLOGY_CLI_OUTDIR: OUT },
    });
    expect(stdout).toMatch(/build-cli: \d+ modules/);
  });
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('is one entry plus lazily loaded chunks, and holds no TypeScript to transpile', () => {
    const build = JSON.parse(readFileSync(`${OUT}/build.json`, 'utf8')) as { inputs: string[] };
    expect(build.inputs).toContain('scripts/cli/main.ts');
    expect(build.inputs).toContain('workers/engine/engine.ts');
    const main = readFileSync(`${OUT}/main.js`, 'utf8');
    expect(main).not.toMatch(/from ["']tsx/);
    // The runtimes are not in the entry: they load only with a model.
    expect(main).not.toMatch(/onnxruntime-(node|web)["']/);
  });

  it('prints the usage with no arguments, without falling back to tsx', async () => {
    const { code, stdout, stderr } = await launch(OUT);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^Usage:\n {2}bertology attend/);
    expect(stdout).toContain('--runtime native');
    expect(stderr).toBe('');
  });

  it('runs a probe with the bundled datasets and the same numbers as the sources', async () => {
    const args = ['probe', '--model', 'static/models/demo', '--suite', 'coref', '--limit', '4', '--threads', '1'];
    const bundled = await launch(OUT, ...args);
    const sources = await launch(`${repo}no-such-bundle`, ...args);
    expect(bundled.code).toBe(0);
    expect(bundled.stderr).not.toContain('tsx');
    expect(sources.stderr).toContain('the CLI bundle (dist-cli/) is missing; running the sources through tsx');
    const a = JSON.parse(bundled.stdout) as { dataset: { scored: number }; result: unknown };
    expect(a.dataset.scored).toBe(4);
    expect(a.result).toEqual((JSON.parse(sources.stdout) as { result: unknown }).result);
  });

  it('is what `npx bertology` runs, through node_modules/.bin and not through the npx cache', async () => {
    // The root package declares no `bin`: with one, npx reinstalls the project into its cache on
    // every call. The local package scripts/bin (a dependency) is what npm links instead.
    const root = JSON.parse(readFileSync(`${repo}package.json`, 'utf8')) as {
      bin?: unknown;
      dependencies: Record<string, string>;
    };
    expect(root.bin).toBeUndefined();
    expect(root.dependencies.bertology).toBe('file:scripts/bin');
    expect(realpathSync(`${repo}node_modules/.bin/bertology`)).toBe(`${repo}scripts/bin/bertology.js`);
    const { stdout } = await exec('npx', ['bertology'], { cwd: repo }).catch((error: unknown) => {
      const failed = error as { code: number; stdout: string };
      expect(failed.code).toBe(2); // the usage exits with 2
      return failed;
    });
    expect(stdout).toMatch(/^Usage:\n {2}bertology attend/);
  });

  it('is not used once a source file is newer than it', async () => {
    const path = `${OUT}/build.json`;
    const build = JSON.parse(readFileSync(path, 'utf8')) as { builtAt: number };
    writeFileSync(path, JSON.stringify({ ...build, builtAt: 0 }));
    const { code, stdout, stderr } = await launch(OUT);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^Usage:/);
    expect(stderr).toMatch(/changed after the CLI bundle was built; running the sources through tsx/);
  });
});
