/** transformers.js's tokenizer for a model's tokenizer files, paired with the model family's descriptor. */
import { BertTokenizer, PreTrainedTokenizer } from '@huggingface/transformers';
import type { ModelFamily } from '../../src/lib/core/family';
import type { TokenizerCore, TokenizerHandle } from './tokenize';

export function createTokenizerHandle(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  family: ModelFamily,
): TokenizerHandle {
  const config = (tokenizerConfig ?? {}) as Record<string, unknown>;
  const cls = typeof config.tokenizer_class === 'string' ? config.tokenizer_class.replace(/Fast$/, '') : '';
  const tokenizer =
    cls === 'BertTokenizer' ? new BertTokenizer(tokenizerJson, config) : new PreTrainedTokenizer(tokenizerJson, config);
  const core = (tokenizer as unknown as { _tokenizer: TokenizerCore })._tokenizer;
  return { core, family };
}
