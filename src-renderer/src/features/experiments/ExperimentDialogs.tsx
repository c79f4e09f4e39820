import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Experiment } from '../../../../src-main/features/experiments/contract';
import { JOURNAL_OUTCOMES, type JournalOutcome } from '../../../../src-main/features/journal/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField, NumberField, SegmentedField, SelectField, TextAreaField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { useJournalDialogs } from '../journal/JournalDialogs';
import { asTranslate } from '../whatWorks/whatWorksModel';
import {
  CONCLUSION_FIELDS,
  emptyConclusion,
  emptyExperiment,
  isExperimentField,
  resultText,
  validateConclusion,
  validateExperiment,
  type ConclusionValues,
  type ExperimentValues,
} from './experimentModel';

/** A new experiment: a technique (active ones only), a hypothesis, a start, a stop rule and maybe a segment. */
export function NewExperimentDialog({ onClose }: { onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const today = useToday();
  const techniques = useQuery('techniques.list', {}, ['techniques']);
  const facets = useQuery('customers.facets', {}, ['customers']);
  const [values, setValues] = useState<ExperimentValues>(() => emptyExperiment(today));
  const form = useForm(values, validateExperiment, { fields: isExperimentField });
  const change = (patch: Partial<ExperimentValues>): void => setValues((v) => ({ ...v, ...patch }));
  const active = (techniques.data ?? []).filter((tq) => !tq.retired);

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      await api.call('experiments.create', input);
      notify.success('experiments.ui.form.created');
      onClose();
    });

  return (
    <FormDialog
      title={t('experiments.ui.form.title')}
      description={t('experiments.ui.form.description')}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={t('experiments.ui.form.submit')}
      form={form}
      failureTitle={t('experiments.ui.form.failed')}
    >
      <SelectField
        label={t('experiments.ui.form.technique')}
        error={form.error('techniqueId')}
        hint={techniques.data && active.length === 0 ? t('experiments.ui.form.noTechniques') : undefined}
        value={values.techniqueId}
        onChange={(techniqueId) => change({ techniqueId })}
        options={[
          { value: '', label: t('experiments.ui.form.pickTechnique') },
          ...active.map((tq) => ({ value: String(tq.id), label: tq.name })),
        ]}
      />
      <TextAreaField
        label={t('experiments.ui.form.hypothesis')}
        error={form.error('hypothesis')}
        hint={t('experiments.ui.form.hypothesisHint')}
        placeholder={t('experiments.ui.form.hypothesisPlaceholder')}
        rows={3}
        value={values.hypothesis}
        onChange={(hypothesis) => change({ hypothesis })}
      />
      <DateField
        label={t('experiments.ui.form.startedOn')}
        error={form.error('startedOn')}
        value={values.startedOn}
        onChange={(startedOn) => change({ startedOn })}
      />
      <SegmentedField
        legend={t('experiments.ui.form.stop')}
        hint={t('experiments.ui.form.stopHint')}
        error={form.error('stop')}
        value={values.stopKind}
        onChange={(stopKind) => change({ stopKind })}
        options={(['deals', 'date'] as const).map((kind) => ({
          value: kind,
          label: t(`experiments.ui.form.stopKinds.${kind}`),
        }))}
      />
      {values.stopKind === 'deals' ? (
        <NumberField
          label={t('experiments.ui.form.deals')}
          error={form.error('stop.deals')}
          unit={t('experiments.ui.form.dealsUnit')}
          value={values.deals}
          onChange={(deals) => change({ deals })}
        />
      ) : (
        <DateField
          label={t('experiments.ui.form.stopOn')}
          error={form.error('stop.on')}
          value={values.stopOn}
          onChange={(stopOn) => change({ stopOn })}
        />
      )}
      <SelectField
        label={t('experiments.ui.form.segment')}
        optional={t('common.optional')}
        error={form.error('segment')}
        hint={t('experiments.ui.form.segmentHint')}
        value={values.segment}
        onChange={(segment) => change({ segment })}
        options={[
          { value: '', label: t('experiments.ui.allSegments') },
          ...(facets.data?.segments ?? []).map((s) => ({ value: s, label: s })),
        ]}
      />
    </FormDialog>
  );
}

/**
 * The seller's conclusion of a complete experiment, written to the journal as an entry; once
 * written, the dialog says so and links to it.
 */
export function ConcludeDialog({ experiment, onClose }: { experiment: Experiment; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const { showEntry } = useJournalDialogs();
  const [values, setValues] = useState<ConclusionValues>(() => emptyConclusion(experiment));
  const [entryId, setEntryId] = useState<number | null>(null);
  const form = useForm(values, (v: ConclusionValues) => validateConclusion(experiment.id, v), {
    fields: CONCLUSION_FIELDS,
  });
  const change = (patch: Partial<ConclusionValues>): void => setValues((v) => ({ ...v, ...patch }));

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const written = await api.call('experiments.conclude', input);
      setEntryId(written.entryId);
    });

  return (
    <FormDialog
      title={t('experiments.ui.conclude.title', { technique: experiment.technique.name })}
      description={experiment.hypothesis}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={t('experiments.ui.conclude.submit')}
      form={form}
      failureTitle={t('experiments.ui.conclude.failed')}
      lead={<p className="xp-result xp-conclude-result">{resultText(experiment, asTranslate(t))}</p>}
      outcome={
        entryId === null
          ? null
          : {
              body: (
                <div className="notice notice-info xp-concluded" role="status">
                  <Icon name="check" />
                  <p>
                    {t('experiments.ui.conclude.done')}{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        onClose();
                        showEntry(entryId);
                      }}
                    >
                      {t('experiments.ui.conclude.openEntry')}
                    </button>
                  </p>
                </div>
              ),
              footer: (
                <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
                  {t('common.close')}
                </button>
              ),
            }
      }
    >
      <SegmentedField<JournalOutcome | null>
        legend={t('experiments.ui.conclude.outcome')}
        optional={t('common.optional')}
        error={form.error('outcome')}
        value={values.outcome}
        onChange={(outcome) => change({ outcome })}
        options={[
          ...JOURNAL_OUTCOMES.map((outcome) => ({
            value: outcome,
            label: t(`experiments.ui.outcomes.${outcome}`),
          })),
          { value: null, label: t('experiments.ui.outcomes.none') },
        ]}
      />
      <TextAreaField
        label={t('experiments.ui.conclude.learned')}
        error={form.error('learned')}
        placeholder={t('experiments.ui.conclude.learnedPlaceholder')}
        rows={4}
        value={values.learned}
        onChange={(learned) => change({ learned })}
        autoFocus
      />
      <TextAreaField
        label={t('experiments.ui.conclude.nextTime')}
        optional={t('common.optional')}
        error={form.error('nextTime')}
        rows={3}
        value={values.nextTime}
        onChange={(nextTime) => change({ nextTime })}
      />
      <DateField
        label={t('experiments.ui.conclude.endedOn')}
        error={form.error('endedOn')}
        hint={t('experiments.ui.conclude.endedOnHint')}
        value={values.endedOn}
        onChange={(endedOn) => change({ endedOn })}
      />
    </FormDialog>
  );
}

/** Asks before an experiment goes; its sales are not touched. */
export function DeleteExperimentDialog({
  experiment,
  onClose,
}: {
  experiment: Experiment;
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.call('experiments.delete', { id: experiment.id });
      notify.success('experiments.ui.delete.done');
      onClose();
    } catch (error) {
      setBusy(false);
      notify.error('experiments.ui.delete.failed', error);
    }
  };
  return (
    <ConfirmDialog
      title={t('experiments.ui.delete.title')}
      message={t(
        experiment.conclusionEntryId === null ? 'experiments.ui.delete.text' : 'experiments.ui.delete.textConcluded',
        { technique: experiment.technique.name },
      )}
      confirmLabel={t('common.delete')}
      busy={busy}
      onConfirm={() => void remove()}
      onCancel={onClose}
    />
  );
}
