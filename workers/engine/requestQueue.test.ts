import { describe, expect, it } from 'vitest';
import { RequestQueue } from './requestQueue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('RequestQueue', () => {
  it('runs jobs one at a time, in order', async () => {
    const queue = new RequestQueue();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    await Promise.all([queue.enqueue(job('load')), queue.enqueue(job('run'), 1)]);
    expect(log).toEqual(['start load', 'end load', 'start run', 'end run']);
  });

  it('drops runs that a newer run replaced before they started, never loads', async () => {
    const queue = new RequestQueue();
    const ran: string[] = [];
    const job = (name: string) => async () => {
      ran.push(name);
      await tick();
      return name;
    };
    const first = queue.enqueue(job('run 1'), 1);
    await Promise.resolve(); // run 1 has started
    const second = queue.enqueue(job('run 2'), 2);
    const load = queue.enqueue(job('load'));
    const third = queue.enqueue(job('run 3'), 3);
    await expect(first).resolves.toBe('run 1'); // already running when 2 and 3 arrived
    await expect(second).rejects.toMatchObject({ code: 'superseded' });
    await expect(load).resolves.toBe('load');
    await expect(third).resolves.toBe('run 3');
    expect(ran).toEqual(['run 1', 'load', 'run 3']);
  });

  it('keeps going after a job fails', async () => {
    const queue = new RequestQueue();
    await expect(queue.enqueue(async () => Promise.reject(new Error('boom')), 1)).rejects.toThrow('boom');
    await expect(queue.enqueue(async () => 'ok', 2)).resolves.toBe('ok');
  });
});

describe('RequestQueue: loads superseded and cancelled (issue 13, defect 2)', () => {
  /** A load that waits until its signal fires, as a download from a server that never answers. */
  const stuck = (log: string[]) => (signal: AbortSignal) =>
    new Promise<string>((_resolve, reject) => {
      log.push('stuck load started');
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });

  it('a new load supersedes a stuck one instead of waiting behind it', async () => {
    const queue = new RequestQueue();
    const log: string[] = [];
    const first = queue.enqueueLoad(stuck(log));
    await tick();
    const second = queue.enqueueLoad(async () => 'folder loaded');
    await expect(first).rejects.toMatchObject({ code: 'superseded' });
    await expect(second).resolves.toBe('folder loaded');
    expect(log).toEqual(['stuck load started']);
  });

  it('Cancel stops a stuck load and the queue serves the next request', async () => {
    const queue = new RequestQueue();
    const load = queue.enqueueLoad(stuck([]));
    await tick();
    expect(queue.cancelLoad()).toBe(true);
    await expect(load).rejects.toMatchObject({ code: 'cancelled', message: 'Loading was cancelled.' });
    await expect(queue.enqueue(async () => 'run', 1)).resolves.toBe('run');
    expect(queue.cancelLoad()).toBe(false);
  });

  it('a load superseded while still waiting never starts', async () => {
    const queue = new RequestQueue();
    const started: string[] = [];
    const blocker = queue.enqueue(async () => {
      await tick();
      return 'run';
    }, 1);
    const a = queue.enqueueLoad(async () => {
      started.push('a');
      return 'a';
    });
    const b = queue.enqueueLoad(async () => {
      started.push('b');
      return 'b';
    });
    await blocker;
    await expect(a).rejects.toMatchObject({ code: 'superseded' });
    await expect(b).resolves.toBe('b');
    expect(started).toEqual(['b']);
  });
});
