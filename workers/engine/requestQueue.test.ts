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
