/**
 * `--model mini` (and the test model `demo`) name the models that ship with the app, in
 * static/models/<id>, as `?model=mini` does in the app. A folder of that name in the working
 * directory wins, so nobody's own folder is shadowed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isBundledId, type BundledId } from '../../src/lib/state/bundledModels';

/** Defined (true) in the CLI bundle, dist-cli/, where this module's code sits one folder below the root. */
declare const __CLI_BUNDLE__: boolean | undefined;

export function bundledDir(id: BundledId): string {
  const relative = typeof __CLI_BUNDLE__ === 'undefined' ? `../../static/models/${id}` : `../static/models/${id}`;
  return fileURLToPath(new URL(relative, import.meta.url));
}

/** The bundled model a --model value names, or undefined for a folder, URL or Hub id. */
export function bundledModel(spec: string): BundledId | undefined {
  return isBundledId(spec) && !existsSync(spec) ? spec : undefined;
}

/** Where to load --model from: a bundled model's folder, or the value as given. */
export function resolveModelSpec(spec: string): string {
  const id = bundledModel(spec);
  return id ? bundledDir(id) : spec;
}
