import type { TechniqueCategory } from './contract';

/**
 * The starter set offered on first run: well-known techniques a seller can add in one go.
 * Their names and one-line descriptions are words of the catalogue
 * (`techniques.starter.<key>.name` / `.description`), in every language the app speaks; the
 * key is stored on the technique (`techniques.starter`) so the offer knows what was taken.
 */
export const STARTER_TECHNIQUES: readonly { key: string; category: TechniqueCategory }[] = [
  { key: 'referral_ask', category: 'prospecting' },
  { key: 'upfront_contract', category: 'opening' },
  { key: 'spin', category: 'discovery' },
  { key: 'columbo', category: 'discovery' },
  { key: 'challenger', category: 'presentation' },
  { key: 'social_proof', category: 'presentation' },
  { key: 'feel_felt_found', category: 'objections' },
  { key: 'objection_isolation', category: 'objections' },
  { key: 'mirroring_labelling', category: 'negotiation' },
  { key: 'price_anchor', category: 'negotiation' },
  { key: 'trial_close', category: 'closing' },
  { key: 'assumptive_close', category: 'closing' },
  { key: 'follow_up_48h', category: 'follow_up' },
];

export const starterKeys: ReadonlySet<string> = new Set(STARTER_TECHNIQUES.map((s) => s.key));
