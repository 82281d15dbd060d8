/**
 * Attention rollout off the main thread: at 512 tokens it is 12 dense 512³ products (seconds of
 * work), which would freeze the page. A thin entry: the numbers come from analysis/rollout.ts,
 * the same function the CLI runs, so the app and `bertology render` agree bit for bit.
 */
import { rolloutAllLayers } from '../analysis/rollout';

export type RolloutRequest =
  | { kind: 'data'; key: number; attention: Float32Array; dims: [number, number, number, number] }
  | { kind: 'rollout'; id: number; key: number; headsPerLayer: number[][] };

export type RolloutReply = { id: number; layers: Float32Array } | { id: number; error: string };

let data: { key: number; attention: Float32Array; dims: [number, number, number, number] } | null = null;

self.onmessage = (event: MessageEvent<RolloutRequest>) => {
  const request = event.data;
  if (request.kind === 'data') {
    data = request;
    return;
  }
  if (!data || data.key !== request.key) {
    self.postMessage({
      id: request.id,
      error: 'The attention for this rollout has not arrived.',
    } satisfies RolloutReply);
    return;
  }
  const layers = rolloutAllLayers(data.attention, data.dims, { headsPerLayer: request.headsPerLayer });
  self.postMessage({ id: request.id, layers } satisfies RolloutReply, { transfer: [layers.buffer] });
};
