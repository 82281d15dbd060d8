/**
 * The JSON that `bertology attend` writes and the app's "Export JSON" downloads: the same shape
 * from both, so their numbers can be compared directly.
 */
import type { ModelInfo, RunResult } from './types';

export type AttendReport = ReturnType<typeof attendReport>;

export function attendReport(model: string, info: ModelInfo, result: RunResult) {
  return {
    model,
    modelFile: info.modelFile,
    backend: result.backend,
    tokens: result.tokens.map((t) => t.text),
    inputIds: result.tokens.map((t) => t.id),
    tokenTypeIds: result.tokens.map((t) => t.segment),
    words: result.tokens.map((t) => t.word),
    special: result.tokens.map((t) => t.special),
    truncatedTokens: result.truncatedTokens,
    dims: result.attentionDims,
    attention: Array.from(result.attention),
    predictions: result.predictions,
    // 0-based, as all arrays here; people read them 1-based ("head 3-2").
    ablated: result.ablated,
    timings: result.timings,
  };
}
