/**
 * One-click examples of the masked-LM claims the survey (Rogers et al. 2020) reports. The texts
 * write the mask as "[MASK]"; `templateFor` writes them with the loaded model family's own mask
 * token ("<mask>" for RoBERTa and XLM-R). Pinned words are spelled as in running text ("Italy");
 * an uncased model's tokenizer lowercases them.
 */
import { withFamilyMask, type ModelFamily } from '../core/family';

export interface MlmTemplate {
  id: string;
  title: string;
  claim: string;
  paper: string;
  text: string;
  /** Words whose probability at the mask tells the story. */
  pinned: string[];
  /** A second input to compare side by side. */
  compare: string;
  /** For the remove-subject / remove-object perturbations. */
  subject?: string;
  object?: string;
}

export const MLM_TEMPLATES: MlmTemplate[] = [
  {
    id: 'agreement',
    title: 'Subject-verb agreement across a distractor',
    claim: 'BERT makes the verb agree with its subject, even with a distractor noun of the other number in between.',
    paper: 'Goldberg (2019)',
    text: 'The keys to the cabinet [MASK] on the table.',
    pinned: ['is', 'are'],
    compare: 'The key to the cabinets [MASK] on the table.',
    subject: 'keys',
    object: 'table',
  },
  {
    id: 'agreement-clause',
    title: 'Agreement across a relative clause',
    claim: 'Agreement holds across a whole distractor clause.',
    paper: 'Goldberg (2019)',
    text: 'The authors that the guard likes [MASK] very tall.',
    pinned: ['is', 'are'],
    compare: 'The author that the guards like [MASK] very tall.',
    subject: 'authors',
  },
  {
    id: 'npi',
    title: 'Negative polarity items',
    claim: 'BERT expects "ever" where a licensor such as "nobody" or "whether" allows it.',
    paper: 'Warstadt et al. (2019)',
    text: 'Nobody has [MASK] seen a ghost.',
    pinned: ['ever', 'never', 'always'],
    compare: 'Somebody has [MASK] seen a ghost.',
    subject: 'nobody',
    object: 'ghost',
  },
  {
    id: 'roles',
    title: 'Related role fillers',
    claim:
      'BERT prefers the right filler (waiter) to a related wrong one (chef), and that to an unrelated one (robin).',
    paper: 'Ettinger (2019)',
    text: 'The customer ate the meal and left a big tip for the [MASK].',
    pinned: ['waiter', 'chef', 'robin'],
    compare: 'The customer ate the meal and left a big [MASK] for the waiter.',
    subject: 'customer',
    object: 'meal',
  },
  {
    id: 'negation',
    title: 'Negation',
    claim: 'BERT does not "understand" negation: "is not a [MASK]" gets much the same answers as "is a [MASK]".',
    paper: 'Ettinger (2019)',
    text: 'A robin is a [MASK].',
    pinned: ['bird', 'tree', 'fish'],
    compare: 'A robin is not a [MASK].',
    subject: 'robin',
  },
  {
    id: 'knowledge',
    title: 'World knowledge',
    claim: 'Cloze queries retrieve facts from the masked LM.',
    paper: 'Petroni et al. (2019)',
    text: 'Cats like to chase [MASK].',
    pinned: ['mice', 'birds', 'cars'],
    compare: 'Paris is the capital of [MASK].',
    subject: 'cats',
  },
  {
    id: 'names',
    title: 'Stereotypes from names',
    claim: 'Part of the "knowledge" is name stereotypes: an Italian-sounding name is guessed to be Italian.',
    paper: 'Poerner et al. (2019)',
    text: 'Giovanni Rossi was born in [MASK].',
    pinned: ['Italy', 'France', 'London'],
    compare: 'Jean Dupont was born in [MASK].',
    subject: 'rossi',
  },
];

/** The template as the given model family writes it: its texts carry the family's mask token. */
export function templateFor(template: MlmTemplate, family: ModelFamily | null | undefined): MlmTemplate {
  return {
    ...template,
    text: withFamilyMask(template.text, family),
    compare: withFamilyMask(template.compare, family),
  };
}
