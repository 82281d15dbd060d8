import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/lib/core/errors';
import { createReader, hubFileUrl, IDLE_TIMEOUT_MS, isHubId } from './modelFiles';
import type { FileProgress } from '../../src/lib/core/types';

type Reply = Response | Error;

/** A fake server: one scripted reply per request, in order; records the URLs asked for. */
function scripted(replies: Reply[]) {
  const urls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    urls.push(String(input));
    const reply = replies.shift();
    if (!reply) throw new Error('no more replies');
    if (reply instanceof Error) throw reply;
    return reply;
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

/** A body delivered in chunks, optionally cut off before the declared length. */
function chunked(total: number, chunk: number, deliver = total): Response {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= deliver) return controller.close();
      const n = Math.min(chunk, deliver - sent);
      controller.enqueue(new Uint8Array(n).fill(sent % 251));
      sent += n;
    },
  });
  return new Response(body, { headers: { 'content-length': String(total) } });
}

const hub = (fetch: typeof globalThis.fetch) =>
  createReader({ kind: 'hub', id: 'Xenova/bert-base-uncased' }, { fetch, retryDelayMs: 1 });

describe('reading model files over HTTP', () => {
  it('fetches from the Hub layout and reports per-file progress in bytes', async () => {
    const server = scripted([chunked(10_000, 4096)]);
    const progress: FileProgress[] = [];
    const bytes = await hub(server.fetch).read('onnx/model.onnx', (p) => progress.push(p));
    expect(server.urls).toEqual(['https://huggingface.co/Xenova/bert-base-uncased/resolve/main/onnx/model.onnx']);
    expect(bytes?.length).toBe(10_000);
    expect(progress.map((p) => [p.loaded, p.total, p.done])).toEqual([
      [4096, 10_000, false],
      [8192, 10_000, false],
      [10_000, 10_000, false],
      [10_000, 10_000, true],
    ]);
  });

  it('treats 404 and an index.html fallback as a missing file', async () => {
    const html = new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    const server = scripted([new Response('no', { status: 404 }), html]);
    const reader = createReader({ kind: 'url', base: 'http://127.0.0.1:1/m/' }, { fetch: server.fetch });
    expect(await reader.read('onnx/model_quantized.onnx')).toBeNull();
    expect(await reader.read('onnx/model_fp16.onnx')).toBeNull();
    expect(server.urls).toEqual([
      'http://127.0.0.1:1/m/onnx/model_quantized.onnx',
      'http://127.0.0.1:1/m/onnx/model_fp16.onnx',
    ]);
  });

  it('retries network failures and server errors, then succeeds', async () => {
    const server = scripted([new TypeError('Failed to fetch'), new Response('', { status: 503 }), chunked(8, 8)]);
    expect((await hub(server.fetch).read('config.json'))?.length).toBe(8);
    expect(server.urls).toHaveLength(3);
  });

  it('gives up after three tries with a message that says what to do', async () => {
    const server = scripted([new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), new TypeError('x')]);
    const error = await hub(server.fetch)
      .read('config.json')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({
      code: 'download-failed',
      message: 'Could not download config.json from the Hugging Face Hub (x) after 3 tries.',
    });
    expect((error as EngineError).hint).toMatch(/offline model that ships with the app/);
  });

  it('says an unknown or private model id is not found, without retrying', async () => {
    const server = scripted([new Response('', { status: 401 })]);
    await expect(hub(server.fetch).read('config.json')).rejects.toMatchObject({ code: 'model-not-found' });
    expect(server.urls).toHaveLength(1);
  });

  it('tries again when a download stops short of its declared length', async () => {
    const server = scripted([chunked(10_000, 1000, 6000), chunked(10_000, 1000)]);
    expect((await hub(server.fetch).read('onnx/model.onnx'))?.length).toBe(10_000);
    expect(server.urls).toHaveLength(2);
  });

  it('rejects a download that stops short every time', async () => {
    const server = scripted([chunked(10_000, 1000, 6000), chunked(10_000, 1000, 200), chunked(10_000, 1000, 9999)]);
    await expect(hub(server.fetch).read('onnx/model.onnx')).rejects.toMatchObject({
      code: 'download-failed',
      message: 'The download of onnx/model.onnx is incomplete (9999 of 10000 bytes), 3 times.',
    });
  });
});

describe('model ids', () => {
  it.each([
    ['Xenova/bert-base-uncased', true],
    ['bert-base-uncased', true],
    ['./models/bert', false],
    ['/abs/path', false],
    ['https://example.org/m', false],
    ['a/b/c', false],
  ])('%s is a Hub id: %s', (spec, expected) => {
    expect(isHubId(spec)).toBe(expected);
  });

  it('builds resolve URLs with the revision', () => {
    expect(hubFileUrl('org/m', 'v1.0', 'onnx/model.onnx')).toBe(
      'https://huggingface.co/org/m/resolve/v1.0/onnx/model.onnx',
    );
  });
});

describe('a server that never answers (issue 13, defect 2)', () => {
  /** A fetch that never resolves, unless aborted, as a hung Hub request. */
  const silent = (async (_input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    })) as typeof globalThis.fetch;

  it('gives up after the idle time with "the Hub is not answering", once, without retrying for ever', async () => {
    const reader = createReader({ kind: 'hub', id: 'a/b' }, { fetch: silent, retryDelayMs: 1, idleTimeoutMs: 50 });
    const t0 = Date.now();
    await expect(reader.read('config.json')).rejects.toMatchObject({
      code: 'timeout',
      message: 'The Hub is not answering: no data for 0.1 s while downloading config.json.',
    });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('a body that stops sending bytes times out too', async () => {
    const stalled = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(10));
          },
        }),
        { headers: { 'content-length': '100' } },
      )) as typeof globalThis.fetch;
    const reader = createReader({ kind: 'hub', id: 'a/b' }, { fetch: stalled, idleTimeoutMs: 50 });
    await expect(reader.read('onnx/model.onnx')).rejects.toMatchObject({ code: 'timeout' });
  });

  it('aborting the load signal cancels a hung request at once', async () => {
    const controller = new AbortController();
    const reader = createReader({ kind: 'hub', id: 'a/b' }, { fetch: silent, signal: controller.signal });
    const read = reader.read('config.json');
    setTimeout(() => controller.abort(), 20);
    await expect(read).rejects.toMatchObject({ code: 'cancelled', message: 'Loading was cancelled.' });
  });

  it('the default idle time is 20 s', () => {
    expect(IDLE_TIMEOUT_MS).toBe(20_000);
  });
});
