/**
 * The masked-LM lab: pinned words, a second input to compare, and the layer-ablation sweep.
 * Runs go through LensState.runOnce, so typing in the main box never cancels a sweep step.
 */
import { headStats, rankHeads, type HeadStatName } from '../analysis/headStats';
import { parseHeadSelection } from '../analysis/layerLabels';
import type { HeadRef, PinnedScore, RunBase, RunInput } from '../core/types';
import type { EngineErrorInfo } from '../core/errors';
import { maskText } from '../core/family';
import { templateFor, type MlmTemplate } from '../mlm/templates';
import type { LensState } from './lens.svelte';
import { parsePinned } from '../mlm/pinnedWords';
import { headList } from './resultIdentity';

export interface SweepRow {
  /** 0-based layer that was ablated; null for the run with nothing ablated. */
  layer: number | null;
  top: string;
  pinned: PinnedScore[];
}

export class MlmLab {
  pinnedText = $state('');
  /** Show [SEP], [CLS] and punctuation among the guesses (they are left out by default). */
  showNonWords = $state(false);
  compareText = $state('');
  compareResult = $state.raw<RunBase | null>(null);
  compareError = $state.raw<EngineErrorInfo | null>(null);
  ablationText = $state('');
  ablationError = $state('');

  sweepRows = $state.raw<SweepRow[]>([]);
  sweepDone = $state(0);
  sweepTotal = $state(0);
  sweeping = $state(false);
  sweepNote = $state('');
  private cancelled = false;

  constructor(private readonly lens: LensState) {
    // Sweeps and comparisons belong to the model that ran them; the ablation box shows what was kept.
    lens.onModelLoaded(() => {
      this.cancelled = true;
      this.sweepRows = [];
      this.sweepDone = 0;
      this.sweepTotal = 0;
      this.sweepNote = '';
      this.compareResult = null;
      this.compareError = null;
      // After the lens has fitted its ablation to the model (it does so once every listener ran).
      queueMicrotask(() => {
        if (this.ablationText || this.lens.ablated.length) this.ablationText = headList(this.lens.ablated);
      });
      return [];
    });
  }

  applyTemplate(generic: MlmTemplate): void {
    // The texts carry the loaded model's own mask token ([MASK], <mask>).
    const template = templateFor(generic, this.lens.info?.family);
    this.lens.text = template.text;
    this.lens.pair = '';
    this.pinnedText = template.pinned.join(', ');
    this.compareText = template.compare;
    this.compareResult = null;
    this.sweepRows = [];
    void this.lens.setPinned(template.pinned);
  }

  applyPinned(): Promise<void> {
    const words = parsePinned(this.pinnedText);
    this.pinnedText = words.join(', ');
    return this.lens.setPinned(words);
  }

  /** "8-10, 5-4, 3-*" in the literature's 1-based numbering; "3-*" is a whole layer. */
  applyAblation(): Promise<void> {
    const info = this.lens.info;
    if (!info) return Promise.resolve();
    try {
      const heads = parseHeadSelection(this.ablationText, info);
      this.ablationError = '';
      return this.lens.setAblation(heads);
    } catch (error) {
      this.ablationError = error instanceof Error ? error.message : String(error);
      return Promise.resolve();
    }
  }

  /** Switch off inside the model the heads switched off in the views. */
  ablateHeads(heads: HeadRef[]): Promise<void> {
    this.ablationText = heads.map((h) => `${h.layer + 1}-${h.head + 1}`).join(', ');
    this.ablationError = '';
    return this.lens.setAblation(heads);
  }

  clearAblation(): Promise<void> {
    this.ablationText = '';
    this.ablationError = '';
    return this.lens.setAblation([]);
  }

  /** Keep the n heads of each layer that rank highest on a statistic of the current input; ablate the rest. */
  keepTopHeads(statistic: HeadStatName, n: number): Promise<void> {
    const result = this.lens.baseline ?? this.lens.result;
    const family = this.lens.info?.family;
    if (!result || !family) return Promise.resolve();
    const [layers, heads] = result.attentionDims;
    const stats = headStats(result.attention, result.attentionDims, result.tokens, family)[statistic];
    const ablate = [];
    for (let layer = 0; layer < layers; layer++) {
      const row = stats.subarray(layer * heads, (layer + 1) * heads);
      // Lower entropy means a more focused head, so that one ranks the other way.
      const order = statistic === 'entropy' ? 'ascending' : 'descending';
      const kept = rankHeads(row, heads, n, order).map((h) => h.head);
      for (let head = 0; head < heads; head++) if (!kept.includes(head)) ablate.push({ layer, head });
    }
    return this.ablateHeads(ablate);
  }

  async runCompare(text = this.compareText): Promise<void> {
    this.compareText = text;
    const loadId = this.lens.info?.loadId;
    // Only the predictions are shown: no tensor is asked for.
    const outcome = await this.lens.runOnce({ ...this.lens.input(text, ''), outputs: [] });
    if (this.lens.info?.loadId !== loadId) return; // another model loaded meanwhile
    this.compareResult = outcome.ok ? outcome.value : null;
    this.compareError = outcome.ok ? null : outcome.error;
  }

  /** Ablate one layer at a time (all its heads) and record the predictions at the first [MASK]. */
  async sweepLayers(): Promise<void> {
    const info = this.lens.info;
    if (!info || this.sweeping) return;
    // Predictions only: a sweep transfers no attention.
    const base: RunInput<never> = { ...this.lens.input(), ablate: [], outputs: [] };
    this.cancelled = false;
    this.sweeping = true;
    this.sweepRows = [];
    this.sweepDone = 0;
    this.sweepTotal = info.layers + 1;
    this.sweepNote = '';
    const rows: SweepRow[] = [];
    for (let layer = -1; layer < info.layers; layer++) {
      if (this.cancelled) {
        this.sweepNote = `Cancelled after ${this.sweepDone} of ${this.sweepTotal} runs.`;
        break;
      }
      const ablate = layer < 0 ? [] : Array.from({ length: info.heads }, (_, head) => ({ layer, head }));
      const outcome = await this.lens.runOnce({ ...base, ablate });
      if (this.lens.info?.loadId !== info.loadId) break; // another model loaded: its sweep starts afresh
      if (!outcome.ok) {
        this.sweepNote = outcome.error.message;
        break;
      }
      const prediction = outcome.value.predictions[0];
      if (!prediction) {
        this.sweepNote = `The text has no ${maskText(this.lens.info?.family)}: add one to sweep.`;
        break;
      }
      rows.push({ layer: layer < 0 ? null : layer, top: prediction.tokens[0] ?? '', pinned: prediction.pinned });
      this.sweepRows = [...rows];
      this.sweepDone++;
    }
    this.sweeping = false;
  }

  cancelSweep(): void {
    this.cancelled = true;
  }
}
