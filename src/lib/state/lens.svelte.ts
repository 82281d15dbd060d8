/**
 * The app's state: which model, what text, the latest result and what is selected. Big data
 * (the run result) is $state.raw; everything computable is $derived.
 */
import { EngineClient } from '../engine/engineClient';
import { toErrorInfo, type EngineErrorInfo } from '../core/errors';
import type { AggregateRequest, AggregateResult, Outcome } from '../core/protocol';
import { uniquePinned } from '../mlm/pinnedWords';
import { fitHeads, inputKey, type ResultIdentity } from './resultIdentity';
import { BUNDLED_MODELS, bundledSource, OFFLINE_MODEL, type BundledId } from './bundledModels';
import type {
  BackendPreference,
  FileProgress,
  HeadRef,
  ModelInfo,
  ModelSource,
  RunInput,
  RunResult,
  TensorName,
} from '../core/types';

export const DEFAULT_MODEL = 'Xenova/bert-base-uncased';
export const RUN_DEBOUNCE_MS = 250;

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Error codes that mean the Hub could not be reached (not: the model does not exist). */
const UNREACHABLE = new Set(['download-failed', 'timeout']);

export class LensState {
  text = $state('The cat sat on the mat because it was tired.');
  pair = $state('');
  modelSpec = $state(DEFAULT_MODEL);
  backendPref = $state<BackendPreference>('auto');

  status = $state<ModelStatus>('idle');
  files = $state<Record<string, FileProgress>>({});
  info = $state.raw<ModelInfo | null>(null);
  modelError = $state.raw<EngineErrorInfo | null>(null);
  /** Which bundled model is loaded or loading (null for the Hub or a folder). */
  bundled = $state<BundledId | null>(null);
  /** The random-weight test model: every lab says its numbers mean nothing. */
  isDemo = $derived(this.bundled === 'demo');
  /** Said when a Hub model could not be reached and the offline model was opened instead. */
  fallbackNotice = $state('');
  /** The Hub id that could not be reached (the notice offers to try it again). */
  fallbackFrom = $state('');
  /** Where the model being loaded or shown comes from (the header names it). */
  sourceKind = $state<ModelSource['kind'] | null>(null);

  result = $state.raw<RunResult | null>(null);
  runError = $state.raw<EngineErrorInfo | null>(null);
  running = $state(false);
  /** The text changed and its run has not started yet (debounce). */
  edited = $state(false);
  busy = $derived(this.running || this.edited);

  layer = $state(0);
  head = $state(0);

  /** Words whose probability is reported at every [MASK]. */
  pinned = $state.raw<string[]>([]);
  /** Heads switched off inside the model for every run. */
  ablated = $state.raw<HeadRef[]>([]);
  /** The same input with nothing ablated, to show what ablation changed. */
  baseline = $state.raw<RunResult | null>(null);
  /** The model and input `result` came from; the view and export check it (issue 13, defect 1). */
  resultIdentity = $state.raw<ResultIdentity | null>(null);
  /** The model and input the boxes ask for now. */
  currentIdentity = $derived.by((): ResultIdentity => ({
    loadId: this.info?.loadId ?? -1,
    input: inputKey(this.input()),
  }));

  /** What fits the old model is fitted to a new one when it loads; each returns what it dropped. */
  private readonly modelListeners: ((info: ModelInfo) => string[])[] = [];
  onModelLoaded(fit: (info: ModelInfo) => string[]): void {
    this.modelListeners.push(fit);
  }

  progress = $derived.by(() => {
    const list = Object.values(this.files);
    const loaded = list.reduce((s, f) => s + f.loaded, 0);
    const total = list.reduce((s, f) => s + (f.total || f.loaded), 0);
    return { loaded, total, fraction: total > 0 ? loaded / total : 0 };
  });

  private client: EngineClient | null = null;
  private source: { source: ModelSource; bundled: BundledId | null } | null = null;
  private latestRun = 0;
  private latestLoad = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private get engine(): EngineClient {
    this.client ??= new EngineClient((error) => void this.recover(error));
    return this.client;
  }

  /** Said once after the engine was restarted; cleared by the next successful load. */
  engineNotice = $state('');
  private recovering = false;

  /**
   * The worker died: start a fresh one, load the same model, run the same text. The user's text
   * and settings live here, not in the worker, so nothing is lost. One try: a model that kills
   * the worker again is reported, not reloaded forever.
   */
  private async recover(error: EngineErrorInfo): Promise<void> {
    this.client?.terminate();
    this.client = null;
    this.running = false;
    if (this.recovering || !this.source) {
      this.runError = error;
      return;
    }
    this.recovering = true;
    this.engineNotice = error.message;
    await this.load(this.source.source, this.source.bundled);
    this.recovering = false;
  }

  loadHub(id: string): Promise<void> {
    this.modelSpec = id.trim();
    return this.load({ kind: 'hub', id: this.modelSpec }, null);
  }

  /**
   * A Hub model named by an address (a shared link, the start screen). When the Hub cannot be
   * reached, the offline model opens instead, with a notice naming what was asked for and a
   * button that tries the Hub again.
   */
  async loadHubOrOffline(id: string): Promise<void> {
    await this.loadHub(id);
    const error = this.modelError;
    if (this.status !== 'error' || !error || !UNREACHABLE.has(error.code) || this.source?.source.kind !== 'hub') return;
    const asked = this.modelSpec;
    await this.loadBundled(OFFLINE_MODEL);
    this.fallbackFrom = asked;
    this.fallbackNotice = `${asked} could not be loaded from the Hugging Face Hub (${error.message.replace(/\.$/, '')}). Showing ${BUNDLED_MODELS[OFFLINE_MODEL].label}, which ships with the app, instead.`;
  }

  loadBundled(id: BundledId): Promise<void> {
    return this.load(bundledSource(id), id);
  }

  /** The random-weight test model (tests and old links; the app does not offer it). */
  loadDemo(): Promise<void> {
    return this.loadBundled('demo');
  }

  loadFolder(name: string, files: Record<string, Blob>): Promise<void> {
    return this.load({ kind: 'files', name, files }, null);
  }

  /**
   * Stops the load under way. The engine let go of the old model when the load began, so what
   * remains is a plain "cancelled" state from which any model can be loaded.
   */
  cancelLoad(): void {
    if (this.status !== 'loading') return;
    this.latestLoad++;
    void this.engine.cancelLoad();
    this.status = 'error';
    this.info = null;
    this.result = null;
    this.baseline = null;
    this.resultIdentity = null;
    this.modelError = {
      code: 'cancelled',
      message: 'Loading was cancelled.',
      hint: `Load a model again, open a folder, or use ${BUNDLED_MODELS[OFFLINE_MODEL].label}, which ships with the app.`,
    };
  }

  /** Load the current model again, e.g. on another backend. */
  reload(): Promise<void> {
    return this.source ? this.load(this.source.source, this.source.bundled) : Promise.resolve();
  }

  async load(source: ModelSource, bundled: BundledId | null): Promise<void> {
    const id = ++this.latestLoad;
    this.source = { source, bundled };
    this.fallbackNotice = '';
    this.fallbackFrom = '';
    this.sourceKind = source.kind;
    // The Hub field holds a Hub id only; it must not name a model that is not the one loaded.
    if (source.kind !== 'hub') this.modelSpec = '';
    if (!this.recovering) this.engineNotice = '';
    this.status = 'loading';
    performance.mark('bertology:load-start');
    this.files = {};
    this.modelError = null;
    this.bundled = bundled;
    const outcome = await this.engine.load(source, { backend: this.backendPref }, (p) => {
      if (id === this.latestLoad) this.files = { ...this.files, [p.file]: p };
    });
    if (id !== this.latestLoad) return;
    if (!outcome.ok) {
      this.status = 'error';
      this.modelError = outcome.error;
      this.info = null;
      this.result = null;
      return;
    }
    // A new model: nothing computed by the old one stays on screen, and what was chosen for it
    // (ablated heads, switched-off heads, sweeps) is fitted to this one, with a notice.
    const loaded = outcome.value;
    const fitted = this.modelListeners.flatMap((fit) => fit(loaded));
    const ablation = fitHeads(this.ablated, loaded.layers, loaded.heads, 'Ablated');
    this.ablated = ablation.kept;
    this.result = null;
    this.baseline = null;
    this.resultIdentity = null;
    this.runError = null;
    fitted.unshift(...ablation.notices);
    this.info = fitted.length ? { ...loaded, notices: [...loaded.notices, ...fitted] } : loaded;
    this.status = 'ready';
    // For the first-picture benchmark (bench/firstPicture.ts): where the load's time went.
    performance.mark('bertology:model-ready', {
      detail: { timings: outcome.value.loadTimings ?? {}, files: $state.snapshot(this.files) },
    });
    this.layer = Math.min(this.layer, outcome.value.layers - 1);
    this.head = Math.min(this.head, outcome.value.heads - 1);
    await this.run();
  }

  /** What the view runs: the text, with the pinned words and ablated heads. */
  input(text = this.text, pair = this.pair): RunInput {
    // Snapshots: what crosses to the worker must be plain data, never reactive proxies.
    return {
      text,
      pair: pair || undefined,
      topK: 10,
      pinned: $state.snapshot(this.pinned),
      ablate: $state.snapshot(this.ablated),
    };
  }

  setAblation(heads: HeadRef[]): Promise<void> {
    this.ablated = heads.map(({ layer, head }) => ({ layer, head }));
    return this.run();
  }

  setPinned(words: string[]): Promise<void> {
    this.pinned = uniquePinned(words);
    return this.run();
  }

  /** A run outside the view (comparisons, sweeps): never replaced by a newer request. */
  runOnce<T extends TensorName = 'attention'>(input: RunInput<T>): Promise<Outcome<RunResult<T>>> {
    return this.engine.runInOrder(input);
  }

  /** An aggregate over heads and layers (rollout, means) in the engine's runtime. */
  aggregate(request: AggregateRequest): Promise<Outcome<AggregateResult>> {
    return this.engine.aggregate(request);
  }

  /** Re-run after the user stops typing for a moment. */
  scheduleRun(): void {
    clearTimeout(this.timer);
    this.edited = true; // busy from the first keystroke, so nobody takes the old picture for the new text
    this.timer = setTimeout(() => void this.run(), RUN_DEBOUNCE_MS);
  }

  async run(): Promise<void> {
    clearTimeout(this.timer);
    this.edited = false;
    if (this.status !== 'ready') return;
    const id = this.engine.newRequestId();
    this.latestRun = id;
    this.running = true;
    const input = this.input();
    const outcome = await this.engine.run(id, input).catch((error: unknown) => ({
      ok: false as const,
      error: toErrorInfo(error),
    }));
    if (id !== this.latestRun) return; // a newer run owns the view
    this.running = false;
    if (!outcome.ok) {
      if (outcome.error.code === 'superseded') return;
      this.runError = outcome.error;
      // An emptied box keeps the last picture beside its message (export refuses it: its input
      // is not the current one); any other failure clears it, so no earlier picture passes for this input.
      if (outcome.error.code === 'empty-input') return;
      this.result = null;
      this.baseline = null;
      this.resultIdentity = null;
      return;
    }
    this.runError = null;
    this.result = outcome.value;
    performance.mark('bertology:run-done', { detail: outcome.value.timings });
    this.resultIdentity = { loadId: outcome.value.loadId ?? -1, input: inputKey(input) };
    this.baseline = null;
    if (input.ablate?.length) {
      const plain = await this.engine.runInOrder({ ...input, ablate: [] });
      if (id === this.latestRun && plain.ok) this.baseline = plain.value;
    }
    if (this.info && outcome.value.backend !== this.info.backend) {
      this.info = { ...this.info, backend: outcome.value.backend };
    }
  }
}
