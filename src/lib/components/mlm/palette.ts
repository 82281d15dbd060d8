import { schemeTableau10 } from 'd3-scale-chromatic';

/** A categorical colour for series i (Tableau 10: distinguishable for most colour-vision types). */
export function headPalette(i: number): string {
  return schemeTableau10[i % schemeTableau10.length]!;
}
