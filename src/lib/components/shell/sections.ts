/**
 * The app's sections, in the order of the header's tabs. Adding a section is one entry here: its
 * address (`?section=<id>`), its tab, a line for the start screen, and the component that draws
 * it (given the AppContext).
 */
import type { Component } from 'svelte';
import type { AppContext } from './appContext';
import AttentionSection from './AttentionSection.svelte';
import ClaimsSection from './ClaimsSection.svelte';
import MlmSection from './MlmSection.svelte';

export interface SectionDef {
  id: string;
  label: string;
  /** One line on what it is for. */
  blurb: string;
  component: Component<{ app: AppContext }>;
}

export const SECTIONS: readonly SectionDef[] = [
  {
    id: 'attention',
    label: 'Attention',
    blurb: 'Every layer and head: head view, model view and matrix, aggregates and rollout.',
    component: AttentionSection,
  },
  {
    id: 'mlm',
    label: 'Masked-LM lab',
    blurb: 'What the model guesses at [MASK], and how it changes when heads are switched off.',
    component: MlmSection,
  },
  {
    id: 'claims',
    label: 'Claims lab',
    blurb: 'The survey’s claims about heads and layers, measured on the loaded model.',
    component: ClaimsSection,
  },
];

export const SECTION_IDS: readonly string[] = SECTIONS.map((s) => s.id);
