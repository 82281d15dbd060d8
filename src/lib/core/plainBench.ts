/**
 * What the page and workers/plainBench.worker.ts say to each other: benchmark only (bench/corpus.ts,
 * `?benchCorpus=1`), the plain onnxruntime-web run a browser corpus run is measured against.
 */

export interface PlainBenchRequest {
  /** The model file, e.g. /models/six/onnx/model.onnx. */
  modelUrl: string;
  inputs: { ids: number[]; types: number[] }[];
}

export interface PlainBenchReply {
  ok: boolean;
  error?: string;
  threads: number;
  runtimeMs: number;
  fetchMs: number;
  sessionMs: number;
  runsMs: number;
  totalMs: number;
  tokens: number;
  outputs: string[];
}
