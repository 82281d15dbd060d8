import { describe, expect, it } from 'vitest';
import { modelBadge } from './modelBadge';

const info = { label: 'Demo model (random weights)', modelType: 'bert', layers: 4, heads: 4, backend: 'wasm' as const };
const base = {
  status: 'ready' as const,
  info,
  sourceKind: 'url' as const,
  bundled: 'demo' as const,
  modelSpec: '',
  fraction: 1,
};

describe('modelBadge', () => {
  it('names the loaded model, not the Hub field', () => {
    const b = modelBadge({ ...base, modelSpec: 'Xenova/bert-base-uncased' });
    expect(b).toEqual({
      name: 'Demo model (random weights)',
      origin: 'bundled demo · random weights',
      detail: 'bert · 4 layers × 4 heads · WASM',
    });
  });
  it('says where a Hub or folder model comes from', () => {
    const hub = { ...info, label: 'Xenova/bert-base-uncased', layers: 12, heads: 12 };
    expect(modelBadge({ ...base, info: hub, sourceKind: 'hub', bundled: null }).origin).toBe('Hugging Face Hub');
    expect(modelBadge({ ...base, sourceKind: 'files', bundled: null }).origin).toBe('local folder');
  });
  it('names the trained offline model as bundled and trained', () => {
    const mini = { ...info, label: 'BERTology Lens mini', layers: 6, heads: 8 };
    const b = modelBadge({ ...base, info: mini, bundled: 'mini' });
    expect(b.origin).toBe('bundled · trained on Brown');
    expect(modelBadge({ ...base, status: 'loading', info: null, bundled: 'mini' }).name).toBe('BERTology Lens mini');
  });
  it('shows a load in progress and an empty state', () => {
    const loading = modelBadge({
      ...base,
      status: 'loading',
      info: null,
      sourceKind: 'hub',
      bundled: null,
      modelSpec: 'x/y',
      fraction: 0.42,
    });
    expect(loading).toEqual({ name: 'x/y', origin: 'Hugging Face Hub', detail: 'loading… 42%' });
    expect(modelBadge({ ...base, status: 'idle', info: null, sourceKind: null }).name).toBe('No model loaded');
  });
});
