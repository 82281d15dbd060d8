/** The app as the browser benchmarks serve it: built into a temporary folder, served by `vite preview` on a port of its own. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Builds the app into a new temporary folder (never dist/) and returns it. */
export function buildApp(name: string, cwd?: string): string {
  const out = mkdtempSync(join(tmpdir(), `bertology-bench-${name}-`));
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', out, '--emptyOutDir'], {
    ...(cwd ? { cwd } : {}),
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('vite build failed');
  return out;
}

/** `vite preview` of `out` on `port`, in a process group of its own (stop it with process.kill(-pid)). */
export function startPreview(out: string, port: number, cwd?: string): ChildProcess {
  return spawn(
    'npx',
    ['vite', 'preview', '--outDir', out, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    {
      ...(cwd ? { cwd } : {}),
      stdio: 'ignore',
      detached: true,
    },
  );
}

export async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`vite preview did not answer on ${url}`);
}
