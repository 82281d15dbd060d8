import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { generateBertFixture } from '../../scripts/fixture/bertFixture';
import { BertEngine } from './engine';
import { MemoryReader } from './testing/memoryReader';

const files = generateBertFixture({ layers: 2, heads: 4, hidden: 32, maxPositions: 128, seed: 1 }).files;

/** The real runtime, except that WebGPU sessions fail as they do when a device is missing or lost. */
function ortWithBrokenWebGpu(failAt: 'create' | 'run'): typeof ort {
  const create = async (bytes: Uint8Array, options: ort.InferenceSession.SessionOptions) => {
    const wantsGpu = options.executionProviders?.includes('webgpu');
    if (wantsGpu && failAt === 'create') throw new Error('no adapter found');
    const session = await ort.InferenceSession.create(bytes, { ...options, executionProviders: ['wasm'] });
    if (!wantsGpu) return session;
    return Object.assign(Object.create(session) as ort.InferenceSession, {
      run: async () => {
        throw new Error('GPU device was lost');
      },
      release: () => session.release(),
    });
  };
  return { ...ort, InferenceSession: { ...ort.InferenceSession, create } } as unknown as typeof ort;
}

describe('WebGPU failures fall back to WASM and say so', () => {
  it.each([
    ['at load', 'create', /WebGPU failed to start \(no adapter found\); running on WASM instead/],
    ['during a run', 'run', /WebGPU failed during the run \(GPU device was lost\); switched to WASM/],
  ] as const)('%s', async (_, failAt, notice) => {
    const engine = new BertEngine({
      ort: ortWithBrokenWebGpu(failAt),
      probeWebGpu: async () => true,
      now: () => performance.now(),
    });
    const info = await engine.load(new MemoryReader('tiny', files), { backend: 'auto', dtype: 'fp32' });
    const result = await engine.run({ text: 'The cat sat on the mat.' });
    expect(result.backend).toBe('wasm');
    expect(engine.info?.backend).toBe('wasm');
    expect([...info.notices, ...result.notices].join(' ')).toMatch(notice);
    expect(result.attentionDims).toEqual([2, 4, 9, 9]); // [CLS] the cat sat on the mat . [SEP]
  });
});
