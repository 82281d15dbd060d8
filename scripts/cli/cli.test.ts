/** The command line as a person types it (issue 13, defects 7 and 10): the real CLI on the demo model. */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_THREADS } from './args';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const DEMO = 'static/models/demo';
const exec = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'cli-'));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

async function bertology(args: string[], stdin?: string): Promise<Outcome> {
  const t0 = Date.now();
  if (stdin !== undefined) {
    return new Promise((resolve) => {
      const child = spawn('node', ['scripts/bertology.js', ...args], { cwd: repo });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - t0 }));
      child.stdin.end(stdin);
    });
  }
  try {
    const { stdout, stderr } = await exec('node', ['scripts/bertology.js', ...args], { cwd: repo, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr, ms: Date.now() - t0 };
  } catch (error) {
    const { code, stdout, stderr } = error as Outcome;
    return { code, stdout, stderr, ms: Date.now() - t0 };
  }
}

describe('bertology --out (defect 7)', () => {
  it('a folder that does not exist is reported as a file-system problem, before the model loads', async () => {
    const out = join(scratch, 'missing', 'a.json');
    const r = await bertology(['attend', '--model', 'e2e', '--text', 'hi', '--out', out]);
    expect(r.code).toBe(1);
    // "e2e" is no model folder: had the model loaded first, that would have been the message.
    expect(r.stderr).toContain(`Could not write --out "${out}": the folder`);
    expect(r.stderr).toContain('there is no such file or folder (ENOENT)');
    expect(r.stderr).not.toMatch(/model could not run|shorter text/);
  });

  it('probe checks --out before running the suite', async () => {
    const r = await bertology(['probe', '--model', DEMO, '--suite', 'sep', '--out', join(scratch, 'nope', 'r.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Could not write --out .*there is no such file or folder/);
    expect(r.stderr).not.toMatch(/probe sep: \d+\/\d+/); // no item ran
  });
});

describe('bertology arguments (defect 10)', () => {
  it.each([
    [['--top', '0'], '--top must be from 1 to 1000, not 0.'],
    [['--top', '2.5'], '--top must be a whole number from 1 to 1000, not "2.5".'],
    [['--top', 'many'], '--top must be a whole number from 1 to 1000, not "many".'],
    [['--threads=-4'], '--threads must be a whole number from 1 to 999999999, not "-4".'],
    [['--threads', '0'], '--threads must be from 1 to 999999999, not 0.'],
  ])('%j is refused with exit code 2', async (extra, message) => {
    const r = await bertology(['predict', '--model', DEMO, '--text', 'A [MASK].', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bertology: ${message}`);
  });

  it('--threads 100000 is capped, said so, and the run finishes', async () => {
    const r = await bertology(['predict', '--model', DEMO, '--text', 'A [MASK].', '--threads', '100000', '--top', '3']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`--threads 100000 is more than this machine can use; running on ${MAX_THREADS}`);
    expect(r.stdout).toMatch(/\[MASK\] 1/);
  });

  it('reads a text over 128 KiB from --text-file and from standard input, with the same numbers', async () => {
    const text = `A [MASK] sat. ${'The cat sat on the mat. '.repeat(6000)}`; // ~144 KB: too long for an argument
    const file = join(scratch, 'long.txt');
    writeFileSync(file, text);
    const fromFile = await bertology(['predict', '--model', DEMO, '--json', '--text-file', file]);
    const fromStdin = await bertology(['predict', '--model', DEMO, '--json', '--text', '-'], text);
    expect(fromFile.code).toBe(0);
    expect(fromStdin.code).toBe(0);
    expect(fromFile.stderr).toContain('only its first 102,400 characters were read');
    const a = JSON.parse(fromFile.stdout) as { predictions: { position: number; tokens: string[] }[] };
    expect(a.predictions.map((p) => p.position)).toEqual([2]);
    expect(a.predictions[0]!.tokens).toHaveLength(5);
    expect(JSON.parse(fromStdin.stdout)).toEqual(a);
  });

  it('a FIFO as --text-file is refused at once instead of waiting for a writer', async () => {
    const fifo = join(scratch, 'pipe');
    await exec('mkfifo', [fifo]);
    expect(existsSync(fifo)).toBe(true);
    const r = await bertology(['predict', '--model', DEMO, '--text-file', fifo]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it is a FIFO (named pipe), not a regular file');
    expect(r.ms).toBeLessThan(20_000);
  });
});
