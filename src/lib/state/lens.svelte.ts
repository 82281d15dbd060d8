/**
 * The app's state: which model, what text, the latest result and what is selected. Big data
 * (the run result) is $state.raw; everything computable is $derived.
 */
import { EngineClient } from '../engine/engineClient';
import { toErrorInfo, type EngineErrorInfo } from '../core/errors';
import type { Outcome } from '../core/protocol';
import type {
  BackendPreference,
  FileProgress,
  HeadRef,
  ModelInfo,
  ModelSource,
  RunInput,
  RunResult,
} from '../core/types';

export const DEFAULT_MODEL = 'Xenova/bert-base-uncased';
export const DEMO_LABEL = 'Demo model (random weights)';
export const RUN_DEBOUNCE_MS = 250;

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error';

export function demoSource(): ModelSource {
  // The demo model ships with the app, next to index.html (static/models/demo).
  const base = `${document.baseURI.replace(/[^/]*$/, '')}models/demo`;
  return { kind: 'url', base, label: DEMO_LABEL };
}

export class LensState {
  text = $state('The cat sat on the mat because it was tired.');
  pair = $state('');
  modelSpec = $state(DEFAULT_MODEL);
  backendPref = $state<BackendPreference>('auto');

  status = $state<ModelStatus>('idle');
  files = $state<Record<string, FileProgress>>({});
  info = $state.raw<ModelInfo | null>(null);
  modelError = $state.raw<EngineErrorInfo | null>(null);
  isDemo = $state(false);
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

  progress = $derived.by(() => {
    const list = Object.values(this.files);
    const loaded = list.reduce((s, f) => s + f.loaded, 0);
    const total = list.reduce((s, f) => s + (f.total || f.loaded), 0);
    return { loaded, total, fraction: total > 0 ? loaded / total : 0 };
  });

  private client: EngineClient | null = null;
  private source: { source: ModelSource; isDemo: boolean } | null = null;
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
    await this.load(this.source.source, this.source.isDemo);
    this.recovering = false;
  }

  loadHub(id: string): Promise<void> {
    this.modelSpec = id.trim();
    return this.load({ kind: 'hub', id: this.modelSpec }, false);
  }

  loadDemo(): Promise<void> {
    return this.load(demoSource(), true);
  }

  loadFolder(name: string, files: Record<string, Blob>): Promise<void> {
    return this.load({ kind: 'files', name, files }, false);
  }

  /** Load the current model again, e.g. on another backend. */
  reload(): Promise<void> {
    return this.source ? this.load(this.source.source, this.source.isDemo) : Promise.resolve();
  }

  async load(source: ModelSource, isDemo: boolean): Promise<void> {
    const id = ++this.latestLoad;
    this.source = { source, isDemo };
    this.sourceKind = source.kind;
    // The Hub field holds a Hub id only; it must not name a model that is not the one loaded.
    if (source.kind !== 'hub') this.modelSpec = '';
    if (!this.recovering) this.engineNotice = '';
    this.status = 'loading';
    this.files = {};
    this.modelError = null;
    this.isDemo = isDemo;
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
    this.info = outcome.value;
    this.status = 'ready';
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
    this.pinned = [...words];
    return this.run();
  }

  /** A run outside the view (comparisons, sweeps): never replaced by a newer request. */
  runOnce(input: RunInput): Promise<Outcome<RunResult>> {
    return this.engine.runInOrder(input);
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
      return;
    }
    this.runError = null;
    this.result = outcome.value;
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
