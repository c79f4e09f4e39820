import {
  TechniqueInput,
  type Technique,
  type TechniqueCategory,
} from '../../../../src-main/features/techniques/contract';
import type { z } from 'zod';
import { validation, type Validation } from '../../ui/errors';

/** The technique form as typed: the steps as lines of one text. */
export interface TechniqueFormValues {
  name: string;
  category: TechniqueCategory;
  description: string;
  steps: string;
  source: string;
}

export const emptyTechniqueForm = (): TechniqueFormValues => ({
  name: '',
  category: 'other',
  description: '',
  steps: '',
  source: '',
});

export const formFromTechnique = (technique: Technique): TechniqueFormValues => ({
  name: technique.name,
  category: technique.category,
  description: technique.description ?? '',
  steps: technique.steps.join('\n'),
  source: technique.source ?? '',
});

/** One step a line; blank lines are no step. */
export const stepsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export type TechniqueFormInput = z.output<typeof TechniqueInput>;

export function validateTechnique(values: TechniqueFormValues): Validation<TechniqueFormInput> {
  return validation(TechniqueInput.safeParse({ ...values, steps: stepsOf(values.steps) }));
}

export const TECHNIQUE_FIELDS = ['name', 'category', 'description', 'steps', 'source'] as const;
export const isTechniqueField = (path: string): boolean =>
  (TECHNIQUE_FIELDS as readonly string[]).includes(path.split('.')[0] ?? '');
