import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingNote } from '../../../../src-main/features/training/contract';
import { Markdown } from '../../ui/markdown';
import { fieldsOf } from './trainingModel';

/**
 * What a note says: the fields of its kind that are written, its objections with their answers,
 * and its further notes (Markdown). On its card and beside the sale form.
 */
export function NoteBody({ note, compact = false }: { note: TrainingNote; compact?: boolean }): ReactElement {
  const { t } = useTranslation();
  const written = fieldsOf(note.subject).filter((field) => note[field]);
  return (
    <div className={`training-note-body${compact ? ' training-note-compact' : ''}`}>
      {written.length > 0 && (
        <dl className="training-facts">
          {written.map((field) => (
            <div key={field}>
              <dt>{t(`training.fields.${field}`)}</dt>
              <dd>{note[field]}</dd>
            </div>
          ))}
        </dl>
      )}
      {note.objections.length > 0 && (
        <div className="training-objections">
          <p className="training-objections-title">{t('training.fields.objections')}</p>
          <ul aria-label={t('training.fields.objections')}>
            {note.objections.map((o, index) => (
              <li key={index}>
                <p className="training-objection">{o.objection}</p>
                {o.answer ? (
                  <p className="training-answer">{o.answer}</p>
                ) : (
                  <p className="training-answer muted">{t('training.noAnswer')}</p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {note.body.trim() !== '' && <Markdown source={note.body} className="training-more selectable" />}
    </div>
  );
}
