/**
 * The JSON that `bertology attend` writes and the app's "Export JSON" downloads: the same shape
 * from both, so their numbers can be compared directly.
 */
import type { ModelInfo, RunResult } from './types';

export type AttendReport = ReturnType<typeof attendReport>;

export function attendReport(model: string, info: ModelInfo, result: RunResult) {
  return { ...reportFields(model, info, result), attention: Array.from(result.attention) };
}

/** Everything but the attention itself, in the report's key order (attention goes after dims). */
function reportFields(model: string, info: ModelInfo, result: RunResult) {
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
    attention: ATTENTION_SLOT as unknown,
    predictions: result.predictions,
    // 0-based, as all arrays here; people read them 1-based ("head 3-2").
    ablated: result.ablated,
    timings: result.timings,
  };
}

const ATTENTION_SLOT = '\u0000attention\u0000';

/** How many numbers go into one piece of the streamed JSON (about 1 MB of text). */
export const NUMBERS_PER_CHUNK = 1 << 16;

/**
 * The same JSON as `JSON.stringify(attendReport(…))`, in pieces, so that every size a model
 * allows can be written: at 512 tokens on 12 × 12 heads the whole text (~700 MB) is longer than
 * a JavaScript string may be, and JSON.stringify throws "Invalid string length" (issue 13,
 * defect 6). Callers write the pieces to a file or a Blob one by one.
 */
export function* attendReportJson(model: string, info: ModelInfo, result: RunResult): Generator<string> {
  const head = JSON.stringify(reportFields(model, info, result));
  const slot = JSON.stringify(ATTENTION_SLOT);
  const at = head.indexOf(slot);
  yield `${head.slice(0, at)}[`;
  const values = result.attention;
  for (let start = 0; start < values.length; start += NUMBERS_PER_CHUNK) {
    const end = Math.min(values.length, start + NUMBERS_PER_CHUNK);
    const parts = new Array<string>(end - start);
    // As JSON.stringify writes numbers: shortest round-trip form, null for NaN and infinities.
    for (let i = start; i < end; i++) parts[i - start] = Number.isFinite(values[i]!) ? String(values[i]) : 'null';
    yield start === 0 ? parts.join(',') : `,${parts.join(',')}`;
  }
  yield `]${head.slice(at + slot.length)}`;
}
