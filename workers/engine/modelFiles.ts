/**
 * Reading the files of a model folder in the Hub layout (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model*.onnx) from the Hub, any URL, or files the user picked.
 * All sources hand out raw bytes, so one instrumentation path serves them all.
 */
import { EngineError } from '../../src/lib/core/errors';
import { allocateModelBuffer } from './modelBuffer';
import type { FileProgress, ModelSource } from '../../src/lib/core/types';

export type ProgressCallback = (progress: FileProgress) => void;

export interface ModelFileReader {
  /** What a person calls this model: a Hub id, a URL or a folder name. */
  readonly label: string;
  /** The bytes of a file in the model folder, or null when the folder has no such file. */
  read(path: string, onProgress?: ProgressCallback): Promise<Uint8Array | null>;
}

export const HUB_HOST = 'https://huggingface.co';
const CACHE_NAME = 'bertology-lens-models-v1';
const RETRIES = 3;

export function hubFileUrl(id: string, revision: string, path: string): string {
  return `${HUB_HOST}/${id}/resolve/${encodeURIComponent(revision)}/${path}`;
}

/** Hub ids look like "owner/name" or "name"; anything with a scheme or a leading dot/slash is a location. */
export function isHubId(spec: string): boolean {
  return /^[A-Za-z0-9][\w.-]*(\/[\w.-]+)?$/.test(spec) && !spec.includes('..');
}

export interface HttpOptions {
  fetch?: typeof fetch;
  /** First wait before a retry; it doubles each time. */
  retryDelayMs?: number;
  /** A server that sends no bytes for this long is given up on (issue 13, defect 2). */
  idleTimeoutMs?: number;
  /** Aborts every request of this reader: a Cancel, or a newer load that supersedes this one. */
  signal?: AbortSignal;
}

/** No bytes for this long and the Hub (or server) is taken to be not answering. */
export const IDLE_TIMEOUT_MS = 20_000;

export function createReader(source: ModelSource, http: HttpOptions = {}): ModelFileReader {
  const options: Required<HttpOptions> = {
    fetch: http.fetch ?? ((input, init) => fetch(input, init)),
    retryDelayMs: http.retryDelayMs ?? 600,
    idleTimeoutMs: http.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
    signal: http.signal ?? new AbortController().signal,
  };
  switch (source.kind) {
    case 'hub': {
      const revision = source.revision ?? 'main';
      return new HttpReader(source.id, (path) => hubFileUrl(source.id, revision, path), options, true, true);
    }
    case 'url': {
      const base = source.base.replace(/\/+$/, '');
      const remote = /^https?:\/\//.test(base) && !sameOrigin(base);
      return new HttpReader(source.label ?? base, (path) => `${base}/${path}`, options, remote, false);
    }
    case 'files':
      return new PickedFilesReader(source.name, source.files);
    case 'dir':
      throw new EngineError(
        'model-not-found',
        'A folder on disk can only be read by the command-line tool.',
        'In the browser, pick the folder with "Open folder…" or serve it over HTTP.',
      );
  }
}

function sameOrigin(url: string): boolean {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return !!origin && url.startsWith(origin);
}

class HttpReader implements ModelFileReader {
  constructor(
    readonly label: string,
    private readonly urlOf: (path: string) => string,
    private readonly http: Required<HttpOptions>,
    private readonly cacheable: boolean,
    private readonly isHub: boolean,
  ) {}

  async read(path: string, onProgress?: ProgressCallback): Promise<Uint8Array | null> {
    const url = this.urlOf(path);
    const cache = this.cacheable ? await openCache() : null;
    const cached = await cache?.match(url);
    if (cached) return readBody(cached, path, onProgress, true);
    const bytes = await this.download(url, path, onProgress);
    if (bytes === null) return null;
    // Only a body that arrived whole is cached: a cut download must never be served as complete.
    if (cache) {
      await cache
        .put(
          url,
          new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.length) } }),
        )
        .catch(() => undefined);
    }
    return bytes;
  }

  /** Fetches and reads a file, trying again after network errors, server errors and cut-off bodies. */
  private async download(url: string, path: string, onProgress?: ProgressCallback): Promise<Uint8Array | null> {
    let lastError = '';
    let brokenBody: EngineError | null = null;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      if (attempt > 0) await sleep(this.http.retryDelayMs * 2 ** (attempt - 1));
      const watch = new Watchdog(this.http, this.isHub ? 'the Hub' : this.label, path);
      try {
        let response: Response;
        try {
          response = await watch.guard(this.http.fetch(url, { signal: watch.signal }));
        } catch (error) {
          watch.stop();
          watch.rethrow(error);
          lastError = error instanceof Error ? error.message : String(error);
          continue;
        }
        // Single-page-app servers answer unknown paths with index.html: that is a missing file too.
        if (response.status === 404 || (response.ok && isHtmlFor(path, response))) return null;
        if (response.status === 401 || response.status === 403) {
          throw new EngineError(
            'model-not-found',
            `"${this.label}" was not found on the Hugging Face Hub, or it is private or gated.`,
            'Check the model id (e.g. Xenova/bert-base-uncased), or load a local folder.',
          );
        }
        if (!response.ok) {
          lastError = `HTTP ${response.status}`;
          if (response.status < 500 && response.status !== 429) break;
          continue;
        }
        try {
          return await readBody(response, path, watch.progress(onProgress), false, watch);
        } catch (error) {
          watch.rethrow(error);
          if (!(error instanceof EngineError)) throw error;
          brokenBody = error;
          lastError = error.message;
        }
      } finally {
        watch.stop();
      }
    }
    if (brokenBody) {
      throw new EngineError(
        'download-failed',
        `${brokenBody.message.replace(/\.$/, '')}, ${RETRIES} times.`,
        'The connection keeps dropping: try again later. Nothing incomplete was kept.',
      );
    }
    const where = this.isHub ? 'the Hugging Face Hub' : this.label;
    throw new EngineError(
      'download-failed',
      `Could not download ${path} from ${where} (${lastError || 'no response'}) after ${RETRIES} tries.`,
      this.isHub
        ? 'You may be offline or the Hub unreachable: try again later, load a local folder, or use the offline model that ships with the app (BERTology Lens mini).'
        : 'Check that the address is right and the server is running.',
    );
  }
}

function isHtmlFor(path: string, response: Response): boolean {
  return !path.endsWith('.html') && (response.headers.get('content-type') ?? '').includes('text/html');
}

async function readBody(
  response: Response,
  path: string,
  onProgress: ProgressCallback | undefined,
  fromCache: boolean,
  watch?: Watchdog,
): Promise<Uint8Array> {
  const total = Number(response.headers.get('content-length') ?? 0) || 0;
  const encoded = response.headers.get('content-encoding');
  // With content-encoding the length header counts compressed bytes; do not compare against it.
  const expected = encoded && encoded !== 'identity' ? 0 : total;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress?.({ file: path, loaded: bytes.length, total: bytes.length, done: true, fromCache });
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await (watch ? watch.guard(reader.read()) : reader.read());
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      onProgress?.({ file: path, loaded, total: expected, done: false, fromCache });
    }
  } catch (error) {
    throw new EngineError(
      'download-failed',
      `The download of ${path} broke off after ${loaded} bytes (${error instanceof Error ? error.message : String(error)}).`,
      'Load the model again; nothing incomplete was kept.',
    );
  }
  if (expected > 0 && loaded !== expected) {
    throw new EngineError(
      'download-failed',
      `The download of ${path} is incomplete (${loaded} of ${expected} bytes).`,
      'Load the model again; nothing incomplete was kept.',
    );
  }
  watch?.stop();
  const bytes = concat(chunks, loaded);
  onProgress?.({ file: path, loaded, total: loaded, done: true, fromCache });
  return bytes;
}

/**
 * One request's timer and abort: the request is aborted when no bytes arrive for the idle time
 * (a 'timeout' error: "the Hub is not answering") or when the load's signal fires (Cancel, or a
 * newer load: 'cancelled' / 'superseded'). The same AbortSignal mechanism serves all three.
 */
class Watchdog {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reason: EngineError | null = null;
  private readonly onOuterAbort = () => this.fire(outerReason(this.http.signal));

  constructor(
    private readonly http: Required<HttpOptions>,
    private readonly where: string,
    private readonly path: string,
  ) {
    if (http.signal.aborted) this.fire(outerReason(http.signal));
    else http.signal.addEventListener('abort', this.onOuterAbort, { once: true });
    this.kick();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Bytes arrived: the idle clock starts again. */
  kick(): void {
    clearTimeout(this.timer);
    if (this.reason) return;
    this.timer = setTimeout(() => {
      const seconds = Math.round(this.http.idleTimeoutMs / 100) / 10;
      this.fire(
        new EngineError(
          'timeout',
          `${this.where === 'the Hub' ? 'The Hub is' : `"${this.where}" is`} not answering: no data for ${seconds} s while downloading ${this.path}.`,
          'Try again later, load a local folder, or use the offline model that ships with the app (BERTology Lens mini).',
        ),
      );
    }, this.http.idleTimeoutMs);
  }

  progress(onProgress?: ProgressCallback): ProgressCallback {
    return (p) => {
      this.kick();
      onProgress?.(p);
    };
  }

  /** Settles with the promise, or rejects as soon as the request is aborted. */
  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.reason) {
      promise.catch(() => undefined); // it fails with the same abort: say it once, not as an unhandled rejection
      return Promise.reject(this.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.reason ?? new Error('aborted'));
      this.controller.signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          this.controller.signal.removeEventListener('abort', onAbort);
          this.kick();
          resolve(value);
        },
        (error: unknown) => {
          this.controller.signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** A timeout or an abort ends the download at once: no retry. */
  rethrow(error: unknown): void {
    if (this.reason) {
      this.stop();
      throw this.reason;
    }
    void error;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.http.signal.removeEventListener('abort', this.onOuterAbort);
  }

  private fire(reason: EngineError): void {
    if (this.reason) return;
    this.reason = reason;
    clearTimeout(this.timer);
    this.controller.abort(reason);
  }
}

function outerReason(signal: AbortSignal): EngineError {
  const reason: unknown = signal.reason;
  if (reason instanceof EngineError) return reason;
  return new EngineError('cancelled', 'Loading was cancelled.', 'Load a model again when you are ready.');
}

/** ONNX files are protobufs, which cannot exceed 2 GiB; weights beyond that live in .onnx_data. */
export const MAX_MODEL_FILE_BYTES = 2 ** 31;
/** A WebAssembly runtime has at most 4 GiB of memory. */
export const MAX_DATA_FILE_BYTES = 2 ** 32;

/**
 * Refuses, before reading it, what cannot be a model file: a folder, a FIFO or device, a file
 * larger than the runtime can hold (an 8 GB sparse model.onnx used to fail with a raw error).
 */
export function checkModelFile(
  path: string,
  label: string,
  info: { size: number; isFile(): boolean; isDirectory(): boolean },
): void {
  if (info.isDirectory()) {
    throw new EngineError(
      'corrupt-model',
      `${path} of "${label}" is a folder, not a file.`,
      `Put the file ${path} there.`,
    );
  }
  if (!info.isFile()) {
    throw new EngineError(
      'corrupt-model',
      `${path} of "${label}" is not a regular file (a FIFO, socket or device), so it cannot be read as a model file.`,
      `Put the file ${path} there.`,
    );
  }
  const limit = path.endsWith('.onnx') || path.endsWith('.json') ? MAX_MODEL_FILE_BYTES : MAX_DATA_FILE_BYTES;
  if (info.size > limit) {
    throw new EngineError(
      'corrupt-model',
      `${path} of "${label}" is ${(info.size / 1e9).toFixed(1)} GB, more than the ${limit / 2 ** 30} GiB such a file can be.`,
      path.endsWith('.onnx')
        ? 'A model this large keeps its weights in an .onnx_data file beside the .onnx; check that the file is not damaged.'
        : 'Use a smaller model or a quantized export.',
    );
  }
}

class PickedFilesReader implements ModelFileReader {
  constructor(
    readonly label: string,
    private readonly files: Record<string, Blob>,
  ) {}

  async read(path: string, onProgress?: ProgressCallback): Promise<Uint8Array | null> {
    const blob = this.files[path];
    if (!blob) return null;
    checkModelFile(path, this.label, { size: blob.size, isFile: () => true, isDirectory: () => false });
    const bytes = allocateModelBuffer(blob.size);
    bytes.set(new Uint8Array(await blob.arrayBuffer()));
    onProgress?.({ file: path, loaded: bytes.length, total: bytes.length, done: true, fromCache: false });
    return bytes;
  }
}

async function openCache(): Promise<Cache | null> {
  if (typeof caches === 'undefined') return null;
  try {
    return await caches.open(CACHE_NAME);
  } catch {
    return null;
  }
}

export function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = allocateModelBuffer(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
