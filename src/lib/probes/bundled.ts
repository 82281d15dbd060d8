/**
 * The three datasets shipped with the app, as raw text (Vite `?raw` imports, so they are part of the
 * bundle and need no fetch). Node code (the CLI, scripts) should use `bundledNode.ts` instead, which
 * reads the same files from disk.
 *
 *  - corpus: sentences and `A ||| B` pairs for corpus-level head statistics (parse with `parseCorpus`);
 *  - coref: JSON coreference probe items (parse with `JSON.parse` then `parseCorefItems`);
 *  - deps: CoNLL-U dependency trees (parse with `parseConllu`).
 *
 * All three were written for this project (original sentences, hand-annotated).
 */
import corefText from './data/coref.json?raw';
import corpusText from './data/corpus.txt?raw';
import depsText from './data/deps.conllu?raw';

export interface BundledTexts {
  corpus: string;
  coref: string;
  deps: string;
}

/** File names of the bundled datasets inside `src/lib/probes/data/`. */
export const BUNDLED_FILES: Readonly<Record<keyof BundledTexts, string>> = {
  corpus: 'corpus.txt',
  coref: 'coref.json',
  deps: 'deps.conllu',
};

export const bundledTexts: BundledTexts = { corpus: corpusText, coref: corefText, deps: depsText };
