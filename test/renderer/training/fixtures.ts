import type { TrainingNote } from '../../../src-main/features/training/contract';

/** A training note with nothing written but what `patch` gives (a segment note unless it says otherwise). */
export function trainingNote(id: number, patch: Partial<TrainingNote>): TrainingNote {
  return {
    id,
    subject: 'segment',
    product: null,
    name: null,
    features: null,
    benefits: null,
    pricing: null,
    who: null,
    caresAbout: null,
    whatWorks: null,
    objections: [],
    body: '',
    updatedAt: '2026-03-02T10:00:00.000Z',
    ...patch,
  };
}
