import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, shownValue, validateConfig, validateTokenizerConfig } from './configSchema';
import { EngineError } from './errors';

const GOOD = {
  model_type: 'bert',
  num_hidden_layers: 12,
  num_attention_heads: 12,
  hidden_size: 768,
  vocab_size: 30522,
  max_position_embeddings: 512,
};

describe('config.json is checked up front (issue 13, defect 9)', () => {
  it('reads a good config', () => {
    expect(validateConfig(GOOD)).toEqual({
      modelType: 'bert',
      layers: 12,
      heads: 12,
      hidden: 768,
      vocabSize: 30522,
      maxPositions: 512,
    });
    expect(validateConfig({ ...GOOD, model_type: 'roberta', max_position_embeddings: 514 }).maxPositions).toBe(514);
  });

  it.each([
    [null, 'config.json is null, not an object of settings.'],
    [[1, 2], 'config.json is [1,2], not an object of settings.'],
    [{ ...GOOD, hidden_size: -768 }, 'config.json: hidden_size is -768; it must be a whole number from 1 to 65,536.'],
    [
      { ...GOOD, num_attention_heads: -4 },
      'config.json: num_attention_heads is -4; it must be a whole number from 1 to 512.',
    ],
    [
      { ...GOOD, num_attention_heads: 2.5 },
      'config.json: num_attention_heads is 2.5; it must be a whole number from 1 to 512.',
    ],
    [
      { ...GOOD, num_attention_heads: 0 },
      'config.json: num_attention_heads is 0; it must be a whole number from 1 to 512.',
    ],
    [
      { ...GOOD, num_attention_heads: 7 },
      'config.json: hidden_size is 768; it must be a multiple of the number of heads (7).',
    ],
    [
      { ...GOOD, max_position_embeddings: 1 },
      'config.json: max_position_embeddings is 1; it must be a whole number from 3 to 65,536.',
    ],
    [
      { ...GOOD, max_position_embeddings: -5 },
      'config.json: max_position_embeddings is -5; it must be a whole number from 3 to 65,536.',
    ],
    [
      { ...GOOD, max_position_embeddings: 7.5 },
      'config.json: max_position_embeddings is 7.5; it must be a whole number from 3 to 65,536.',
    ],
    [
      { ...GOOD, max_position_embeddings: 100000 },
      'config.json: max_position_embeddings is 100000; it must be a whole number from 3 to 65,536.',
    ],
    [
      { ...GOOD, max_position_embeddings: '512' },
      'config.json: max_position_embeddings is "512"; it must be a whole number from 3 to 65,536.',
    ],
    [{ ...GOOD, model_type: { a: 1 } }, 'config.json: model_type is {"a":1}; it must be a name such as "bert".'],
  ])('refuses %j, naming the field and the value', (config, message) => {
    expect(() => validateConfig(config)).toThrow(message);
  });

  it('blames tokenizer_config.json for a tokenizer_class that is an object', () => {
    expect(() => validateTokenizerConfig({ tokenizer_class: { name: 'BertTokenizer' } })).toThrow(
      'tokenizer_config.json: tokenizer_class is {"name":"BertTokenizer"}; it must be a class name such as "BertTokenizer".',
    );
    expect(validateTokenizerConfig({ tokenizer_class: 'BertTokenizerFast' }).tokenizerClass).toBe('BertTokenizerFast');
    expect(validateTokenizerConfig(null)).toEqual({});
  });
});

/**
 * Schema-aware fuzzing: each field the engine reads gets a good value or one of the bad kinds
 * people and tools produce (negative, zero, fraction, huge, a string, null, an object…), in any
 * mix. The validator must either accept, and then every number is in its range, or refuse with an
 * EngineError that quotes one of the bad fields and its value — never a raw JavaScript error.
 */
const badNumber = fc.oneof(
  fc.integer({ min: -1_000_000, max: 0 }),
  fc.double({ min: -1e6, max: 1e6, noInteger: true }),
  fc.integer({ min: 70_000, max: 2 ** 31 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(null, true, false, [], {}, [12], { value: 12 }),
);
const field = (min: number, max: number) =>
  fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, { weight: 2, arbitrary: badNumber });

const configArb = fc.record(
  {
    model_type: fc.oneof(fc.constantFrom('bert', 'roberta', 'distilbert', 'electra'), badNumber),
    num_hidden_layers: field(1, 48),
    num_attention_heads: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(1, 2, 4, 8, 12, 16) },
      { weight: 1, arbitrary: badNumber },
    ),
    hidden_size: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(16, 64, 256, 768, 1024) },
      { weight: 1, arbitrary: badNumber },
    ),
    vocab_size: field(1, 250_000),
    max_position_embeddings: field(1, 4096),
  },
  { requiredKeys: [] },
);

describe('config.json fuzz: 500 generated configs, schema-aware', () => {
  it('accepts only in-range values and refuses the rest by field and value', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 9, arbitrary: configArb }, { weight: 1, arbitrary: fc.jsonValue() }), (config) => {
        let parsed;
        try {
          parsed = validateConfig(config);
        } catch (error) {
          expect(error).toBeInstanceOf(EngineError);
          const { code, message } = error as EngineError;
          expect(['bad-config', 'not-bert-like']).toContain(code);
          if (code === 'bad-config' && typeof config === 'object' && config !== null && !Array.isArray(config)) {
            const named = Object.entries(config).filter(([k, v]) => message.includes(`${k} is ${shownValue(v)}`));
            expect(named.length).toBeGreaterThan(0);
          }
          return;
        }
        const { heads, hidden, layers, vocabSize, maxPositions } = parsed;
        for (const [value, f] of [
          [heads, CONFIG_FIELDS.heads],
          [hidden, CONFIG_FIELDS.hidden],
        ] as const) {
          expect(Number.isInteger(value) && value >= f.min && value <= f.max).toBe(true);
        }
        expect(hidden % heads).toBe(0);
        expect(layers === 0 || (Number.isInteger(layers) && layers <= CONFIG_FIELDS.layers.max)).toBe(true);
        expect(vocabSize === 0 || Number.isInteger(vocabSize)).toBe(true);
        expect(Number.isInteger(maxPositions) && maxPositions >= 1 && maxPositions <= 65_536).toBe(true);
      }),
      { seed: 913, numRuns: 500 },
    );
  });
});
