/** How the header names the model: its name, where it comes from, and its shape. */
import type { ModelInfo, ModelSource } from '../../core/types';
import { BUNDLED_MODELS, type BundledId } from '../../state/bundledModels';

export interface ModelBadge {
  name: string;
  /** "Hugging Face Hub", "bundled · trained on Brown", "local folder". */
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

const BUNDLED_ORIGIN: Record<BundledId, string> = {
  mini: 'bundled · trained on Brown',
  demo: 'bundled demo · random weights',
};

export function modelBadge(state: {
  status: 'idle' | 'loading' | 'ready' | 'error';
  info: Pick<ModelInfo, 'label' | 'modelType' | 'layers' | 'heads' | 'backend'> | null;
  sourceKind: ModelSource['kind'] | null;
  bundled: BundledId | null;
  modelSpec: string;
  fraction: number;
}): ModelBadge {
  const origin = state.bundled ? BUNDLED_ORIGIN[state.bundled] : state.sourceKind ? ORIGIN[state.sourceKind] : '';
  if (state.status === 'loading') {
    const name =
      state.sourceKind === 'hub' ? state.modelSpec : state.bundled ? BUNDLED_MODELS[state.bundled].label : 'Model';
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
