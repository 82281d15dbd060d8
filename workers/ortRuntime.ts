/**
 * Which ONNX Runtime build the worker loads, and when. Each backend needs its own build: plain
 * threaded WASM (`onnxruntime-web/wasm`, ~14 MB of WebAssembly) or the WebGPU build
 * (`onnxruntime-web/webgpu`, the asyncify binary transformers.js pins, ~27 MB). Only the build the
 * chosen backend needs is downloaded, and its bytes are counted in the load's progress like the
 * model's own files. Both come from the one onnxruntime-web version transformers.js pins.
 *
 * Auto never settles on a fallback adapter: Chromium's SwiftShader WebGPU (software, on the CPU)
 * reports itself as one, and runs BERT far slower than WASM.
 */
import type * as Ort from 'onnxruntime-web';
import type { Backend, BackendPreference, FileProgress } from '../src/lib/core/types';

export type OrtModule = typeof Ort;

export interface WebGpuProbe {
  /** An adapter was granted. */
  adapter: boolean;
  /** The adapter is a software fallback (SwiftShader and the like). */
  fallback: boolean;
  /** What the adapter says it is, for people: "google swiftshader". */
  description: string;
}

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
}

export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  const none = { adapter: false, fallback: false, description: '' };
  if (!gpu) return none;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return none;
    const info = adapter.info ?? {};
    const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ').trim();
    const fallback =
      adapter.isFallbackAdapter === true || info.isFallbackAdapter === true || /swiftshader/i.test(description);
    return { adapter: true, fallback, description };
  } catch {
    return none;
  }
}

/** Whether to use WebGPU for a preference, and the sentence that says why. */
export function chooseBackend(
  preference: BackendPreference,
  probe: WebGpuProbe,
  threads: number,
): { backend: Exclude<Backend, 'cpu'>; reason: string } {
  const adapter = probe.description ? ` (${probe.description})` : '';
  const wasm = `WASM with ${threads} thread${threads === 1 ? '' : 's'}`;
  if (preference === 'wasm') return { backend: 'wasm', reason: `${wasm}, as chosen.` };
  if (preference === 'webgpu') {
    if (!probe.adapter)
      return { backend: 'wasm', reason: `WebGPU was chosen, but this browser offers no adapter: ${wasm}.` };
    return {
      backend: 'webgpu',
      reason: probe.fallback
        ? `WebGPU, as chosen, on a software adapter${adapter}: expect it to be slower than WASM.`
        : `WebGPU, as chosen${adapter}.`,
    };
  }
  if (!probe.adapter) return { backend: 'wasm', reason: `Auto chose ${wasm}: this browser offers no WebGPU adapter.` };
  if (probe.fallback) {
    return {
      backend: 'wasm',
      reason: `Auto chose ${wasm}: the only WebGPU adapter here is a software fallback${adapter}, which runs models far slower than WASM.`,
    };
  }
  return { backend: 'webgpu', reason: `Auto chose WebGPU: a hardware adapter was found${adapter}.` };
}

interface Build {
  file: string;
  glue(): Promise<OrtModule>;
  url(): Promise<string>;
}

// Dynamic imports: Vite splits each build into its own chunk, fetched only when it is needed.
// ('cpu' is onnxruntime-node, in the CLI only: the browser maps it to the WASM build.)
const BUILDS: Record<Exclude<Backend, 'cpu'>, Build> = {
  wasm: {
    file: 'ort-wasm-simd-threaded.wasm',
    glue: async () => (await import('onnxruntime-web/wasm')) as unknown as OrtModule,
    url: async () => (await import('onnxruntime-web/ort-wasm-simd-threaded.wasm?url')).default,
  },
  webgpu: {
    file: 'ort-wasm-simd-threaded.asyncify.wasm',
    glue: async () => (await import('onnxruntime-web/webgpu')) as unknown as OrtModule,
    url: async () => (await import('onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url')).default,
  },
};

/** The name under which the runtime appears in the load's progress. */
export function runtimeProgressName(backend: Backend): string {
  return `runtime: ${BUILDS[backend === 'cpu' ? 'wasm' : backend].file}`;
}

/** A response whose body reports its bytes as they pass, for a consumer that reads the stream itself. */
function countingResponse(response: Response, name: string, onProgress?: (p: FileProgress) => void): Response {
  const total = Number(response.headers.get('content-length') ?? 0) || 0;
  const encoded = response.headers.get('content-encoding');
  const expected = encoded && encoded !== 'identity' ? 0 : total;
  let loaded = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      loaded += chunk.length;
      onProgress?.({ file: name, loaded, total: expected, done: false, fromCache: false });
      controller.enqueue(chunk);
    },
    flush() {
      onProgress?.({ file: name, loaded, total: loaded, done: true, fromCache: false });
    },
  });
  return new Response(response.body!.pipeThrough(counter), {
    status: response.status,
    statusText: response.statusText,
    // instantiateStreaming insists on the WebAssembly content type.
    headers: { 'content-type': 'application/wasm' },
  });
}

/**
 * While `work` runs, fetches of `url` (ORT's own, for its WebAssembly) pass through a byte
 * counter. ORT then still compiles the module as it streams in (instantiateStreaming), which
 * overlaps download and compilation; handing it the bytes instead would compile only after the
 * whole file had arrived.
 */
async function countingFetches<T>(
  url: string,
  name: string,
  onProgress: ((p: FileProgress) => void) | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const plain = globalThis.fetch;
  const absolute = new URL(url, self.location.href).href;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await plain(input, init);
    const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(target, self.location.href).href !== absolute || !response.ok || !response.body) return response;
    return countingResponse(response, name, onProgress);
  };
  try {
    return await work();
  } finally {
    globalThis.fetch = plain;
  }
}

export interface RuntimeTimings {
  /** Importing the JS glue. */
  importMs: number;
  /** Fetching and compiling the runtime's WebAssembly (streamed: compiled as it arrives), starting its threads. */
  initMs: number;
}

/** Loads each build at most once per worker; the first caller's progress callback sees its bytes. */
export class RuntimeLoader {
  private readonly loaded = new Map<Backend, Promise<OrtModule>>();
  readonly timings: Partial<Record<Backend, RuntimeTimings>> = {};

  constructor(private readonly threads: number) {}

  /**
   * The runtime for `backend`, downloaded and initialised: `init(ort)` runs with the runtime's
   * fetches counted (create a first session there: that is when ORT fetches and compiles).
   */
  load(
    backend: Backend,
    onProgress?: (p: FileProgress) => void,
    init?: (ort: OrtModule) => Promise<void>,
  ): Promise<OrtModule> {
    let ort = this.loaded.get(backend);
    if (!ort) {
      ort = this.start(backend, onProgress, init);
      ort.catch(() => this.loaded.delete(backend));
      this.loaded.set(backend, ort);
    }
    return ort;
  }

  has(backend: Backend): boolean {
    return this.loaded.has(backend);
  }

  private async start(
    backend: Backend,
    onProgress?: (p: FileProgress) => void,
    init?: (ort: OrtModule) => Promise<void>,
  ): Promise<OrtModule> {
    const t0 = performance.now();
    const build = BUILDS[backend === 'cpu' ? 'wasm' : backend];
    const [ort, url] = await Promise.all([build.glue(), build.url()]);
    const t1 = performance.now();
    ort.env.wasm.wasmPaths = { wasm: url };
    ort.env.wasm.numThreads = this.threads;
    ort.env.logLevel = 'error';
    await countingFetches(url, runtimeProgressName(backend), onProgress, () => (init ? init(ort) : Promise.resolve()));
    this.timings[backend] = { importMs: t1 - t0, initMs: performance.now() - t1 };
    return ort;
  }
}
