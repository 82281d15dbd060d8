/** What every section of the app is given: the model and text, the views, the labs, the shell. */
import type { LensState } from '../../state/lens.svelte';
import type { MlmLab } from '../../state/mlmLab.svelte';
import type { Shell } from '../../state/shell.svelte';
import type { ViewState } from '../../state/view.svelte';

export interface AppContext {
  lens: LensState;
  view: ViewState;
  lab: MlmLab;
  shell: Shell;
}
