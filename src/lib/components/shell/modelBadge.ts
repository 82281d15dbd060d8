/** How the header names the model: its name, where it comes from, and its shape. */
import type { ModelInfo, ModelSource } from '../../core/types';

export interface ModelBadge {
  name: string;
  /** "Hugging Face Hub", "bundled demo, random weights", "local folder". */
  origin: string;
  /** "bert · 12 layers × 12 heads · WASM", or what is happening. */
  detail: string;
}

const ORIGIN: Record<ModelSource['kind'], string> = {
  hub: 'Hugging Face Hub',
  url: 'bundled with the app',
  files: 'local folder',
  dir: 'local folder',
};

export function modelBadge(state: {
  status: 'idle' | 'loading' | 'ready' | 'error';
  info: Pick<ModelInfo, 'label' | 'modelType' | 'layers' | 'heads' | 'backend'> | null;
  sourceKind: ModelSource['kind'] | null;
  isDemo: boolean;
  modelSpec: string;
  fraction: number;
}): ModelBadge {
  const origin = state.isDemo ? 'bundled demo · random weights' : state.sourceKind ? ORIGIN[state.sourceKind] : '';
  if (state.status === 'loading') {
    const name = state.sourceKind === 'hub' ? state.modelSpec : state.isDemo ? 'Demo model' : 'Model';
    return { name, origin, detail: `loading… ${Math.round(state.fraction * 100)}%` };
  }
  if (state.status === 'error') return { name: 'No model', origin: '', detail: 'the last load failed' };
  if (state.status === 'ready' && state.info) {
    const i = state.info;
    return {
      name: i.label,
      origin,
      detail: `${i.modelType} · ${i.layers} layers × ${i.heads} heads · ${i.backend.toUpperCase()}`,
    };
  }
  return { name: 'No model loaded', origin: '', detail: '' };
}
