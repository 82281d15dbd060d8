/** Errors are values the UI can show: a code, a sentence a person understands, and what to do next. */

export type EngineErrorCode =
  | 'empty-input'
  | 'model-not-found'
  | 'download-failed'
  | 'corrupt-model'
  | 'not-bert-like'
  | 'fused-attention'
  | 'missing-tokenizer'
  | 'backend-unavailable'
  | 'inference-failed'
  | 'output-unavailable'
  | 'no-model'
  | 'worker-crashed'
  | 'superseded'
  | 'cancelled'
  | 'timeout'
  | 'bad-config'
  | 'file-system';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly hint: string;
  constructor(code: EngineErrorCode, message: string, hint = '') {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.hint = hint;
  }
}

/** The plain-object form that crosses the worker boundary (Error subclasses do not survive cloning). */
export interface EngineErrorInfo {
  code: EngineErrorCode;
  message: string;
  hint: string;
}

export function toErrorInfo(error: unknown): EngineErrorInfo {
  if (error instanceof EngineError) {
    return { code: error.code, message: error.message, hint: error.hint };
  }
  if (isErrorInfo(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'inference-failed',
    message: `The model could not run: ${firstLine(detail)}`,
    hint: 'Try a shorter text, the WASM backend, or reload the model.',
  };
}

export function isErrorInfo(value: unknown): value is EngineErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as EngineErrorInfo).code === 'string' &&
    typeof (value as EngineErrorInfo).message === 'string' &&
    typeof (value as EngineErrorInfo).hint === 'string'
  );
}

export function firstLine(text: string, max = 240): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
