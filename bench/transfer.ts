/**
 * Bytes a run sends from the worker, at 512 tokens on the bert-base-shaped fixture (12 layers,
 * 12 heads, hidden 768): before (every run returned attention and hidden states) and after (a run
 * asks for attention only). The bytes are those of the buffers the worker transfers
 * (resultBuffers, its Comlink.transfer list).
 *
 *   npx tsx scripts/make-fixtures.ts base && npx tsx bench/transfer.ts
 */
import { DirReader } from '../scripts/cli/dirReader';
import { createNodeEngine } from '../scripts/cli/nodeEngine';
import { resultBuffers } from '../src/lib/core/protocol';

const MODEL_DIR = 'fixtures/bert-base-random';

async function main(): Promise<void> {
  const engine = createNodeEngine(2);
  const info = await engine.load(new DirReader(MODEL_DIR), { backend: 'wasm', dtype: 'fp32' });
  const text = Array.from({ length: 600 }, (_, i) => `word${i % 50}`).join(' ');
  const rows: string[] = [];
  for (const outputs of [['attention', 'hidden'], ['attention']] as const) {
    const started = performance.now();
    const result = await engine.run({ text, outputs: [...outputs] });
    const seconds = (performance.now() - started) / 1000;
    const bytes = resultBuffers(result).reduce((n, b) => n + b.byteLength, 0);
    const seq = result.tokens.length;
    rows.push(
      `${outputs.join(' + ').padEnd(18)} ${String(seq).padStart(4)} tokens  ${bytes.toLocaleString('en-US').padStart(13)} bytes (${(bytes / 2 ** 20).toFixed(1)} MiB)  run ${seconds.toFixed(1)} s`,
    );
  }
  const [L, H, S, D] = [info.layers, info.heads, 512, info.hidden];
  console.log(`bert-base-shaped fixture: ${L} layers, ${H} heads, hidden ${D}`);
  for (const row of rows) console.log(row);
  console.log(
    `formula: attention ${L}*${H}*${S}*${S}*4 = ${(L * H * S * S * 4).toLocaleString('en-US')}, hidden ${L + 1}*${S}*${D}*4 = ${((L + 1) * S * D * 4).toLocaleString('en-US')}`,
  );
  await engine.dispose();
}

await main();
