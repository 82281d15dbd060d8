/**
 * A small typed validator for a model's config.json and tokenizer_config.json (issue 13,
 * defect 9): every field the engine reads is checked up front, and a bad one is refused with a
 * message that names the file, the field and the value, before any runtime sees it.
 */
import { EngineError } from './errors';

export interface BertConfig {
  modelType: string;
  /** 0 when config.json does not say (the graph is then the authority). */
  layers: number;
  heads: number;
  hidden: number;
  /** 0 when config.json does not say. */
  vocabSize: number;
  maxPositions: number;
}

interface IntField {
  /** The names by which exports spell the field, first match wins. */
  keys: readonly string[];
  min: number;
  max: number;
  required: boolean;
}

/** Generous bounds: the largest encoders in use are far inside them; the absurd values are not. */
export const CONFIG_FIELDS = {
  layers: { keys: ['num_hidden_layers', 'n_layers', 'num_layers'], min: 1, max: 256, required: false },
  heads: { keys: ['num_attention_heads', 'n_heads'], min: 1, max: 512, required: true },
  hidden: { keys: ['hidden_size', 'dim', 'd_model'], min: 1, max: 65_536, required: true },
  vocabSize: { keys: ['vocab_size'], min: 1, max: 10_000_000, required: false },
  maxPositions: { keys: ['max_position_embeddings'], min: 3, max: 65_536, required: false },
} as const satisfies Record<string, IntField>;

/** A value as it can be quoted in a message: JSON, short. */
export function shownValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function refuse(file: string, field: string, value: unknown, rule: string): EngineError {
  return new EngineError(
    'bad-config',
    `${file}: ${field} is ${shownValue(value)}; it must be ${rule}.`,
    `Fix ${field} in ${file}, or use the model's original files.`,
  );
}

function readInt(c: Record<string, unknown>, field: IntField): number {
  const key = field.keys.find((k) => k in c && c[k] !== undefined);
  if (key === undefined) {
    if (!field.required) return 0;
    throw new EngineError(
      'not-bert-like',
      `config.json has no ${field.keys[0]}: it does not describe a BERT-like encoder.`,
      'Load a BERT-family encoder (BERT, DistilBERT, RoBERTa, ELECTRA…).',
    );
  }
  const value = c[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < field.min || value > field.max) {
    throw refuse('config.json', key, value, `a whole number from ${field.min} to ${field.max.toLocaleString('en')}`);
  }
  return value;
}

export function validateConfig(json: unknown): BertConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new EngineError(
      'bad-config',
      `config.json is ${shownValue(json)}, not an object of settings.`,
      "Replace config.json with the model's own (it starts with {).",
    );
  }
  const c = json as Record<string, unknown>;
  const modelType = c.model_type === undefined ? 'unknown' : c.model_type;
  if (typeof modelType !== 'string' || modelType.length > 100) {
    throw refuse('config.json', 'model_type', modelType, 'a name such as "bert"');
  }
  // Without attention heads or a hidden size it is some other kind of model: say that, not "bad value".
  if (!CONFIG_FIELDS.heads.keys.some((k) => k in c) || !CONFIG_FIELDS.hidden.keys.some((k) => k in c)) {
    throw new EngineError(
      'not-bert-like',
      `config.json describes a "${modelType}" model without attention heads or a hidden size: it is not a BERT-like encoder.`,
      'Load a BERT-family encoder (BERT, DistilBERT, RoBERTa, ELECTRA…).',
    );
  }
  const heads = readInt(c, CONFIG_FIELDS.heads);
  const hidden = readInt(c, CONFIG_FIELDS.hidden);
  if (hidden % heads !== 0) {
    const key = CONFIG_FIELDS.hidden.keys.find((k) => k in c) ?? 'hidden_size';
    throw refuse('config.json', key, hidden, `a multiple of the number of heads (${heads})`);
  }
  // The rows a family reserves for its padding offset (RoBERTa: 2) are taken off by the engine,
  // which reads that offset from the model family's descriptor.
  const positions = readInt(c, CONFIG_FIELDS.maxPositions);
  return {
    modelType,
    layers: readInt(c, CONFIG_FIELDS.layers),
    heads,
    hidden,
    vocabSize: readInt(c, CONFIG_FIELDS.vocabSize),
    maxPositions: positions === 0 ? 512 : positions,
  };
}

/** tokenizer_config.json: an object, whose tokenizer_class (when given) is a class name. */
export function validateTokenizerConfig(json: unknown): { tokenizerClass?: string } & Record<string, unknown> {
  if (json === null) return {};
  if (typeof json !== 'object' || Array.isArray(json)) {
    throw refuse('tokenizer_config.json', 'the file', json, 'an object of settings');
  }
  const c = json as Record<string, unknown>;
  const cls = c.tokenizer_class;
  if (cls !== undefined && cls !== null && (typeof cls !== 'string' || cls.length > 100)) {
    throw refuse('tokenizer_config.json', 'tokenizer_class', cls, 'a class name such as "BertTokenizer"');
  }
  for (const key of ['model_max_length', 'do_lower_case'] as const) {
    const value = c[key];
    if (value === undefined || value === null) continue;
    if (key === 'do_lower_case' ? typeof value !== 'boolean' : typeof value !== 'number' || !(value > 0)) {
      throw refuse(
        'tokenizer_config.json',
        key,
        value,
        key === 'do_lower_case' ? 'true or false' : 'a positive number',
      );
    }
  }
  return typeof cls === 'string' ? { ...c, tokenizerClass: cls } : c;
}
