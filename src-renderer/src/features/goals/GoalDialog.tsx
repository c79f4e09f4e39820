import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  GOAL_DIRECTIONS,
  GOAL_METRICS,
  metricFilters,
  METRICS,
  RECURRENCES,
  SCORE_CATEGORIES,
  type MetricUnit,
} from '../../../../src-main/features/goals/contract/definition';
import type { Goal, GoalMilestone } from '../../../../src-main/features/goals/contract/api';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { useToday } from '../../hooks/useToday';
import { useSettings } from '../settings/SettingsProvider';
import { DateField, NumberField, SegmentedField, SelectField, TextField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { AddButton } from '../../ui/AddButton';
import { ChipChecks } from '../../ui/ChipChecks';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import {
  changesOf,
  emptyGoalForm,
  formFromGoal,
  isGoalFormField,
  PERIOD_PRESETS,
  presetPeriod,
  validateGoal,
  type GoalFormValues,
  type MilestoneRow,
} from './goalModel';

export interface GoalDialogProps {
  /** The goal to edit, with its milestones; null for a new goal. */
  goal: { goal: Goal; milestones: readonly GoalMilestone[] } | null;
  onClose: () => void;
}

/**
 * Creates or edits a goal. What a goal measures (metric, direction, kind of period) is fixed
 * once it exists, and its start and filters once it has begun (goalsApi.ts); a lower target or
 * a later deadline is allowed, and the form says it will be recorded as easing.
 */
export function GoalDialog({ goal: editing, onClose }: GoalDialogProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const { settings } = useSettings();
  const today = useToday();
  const products = useQuery('products.list', {}, ['products']);
  const techniques = useQuery('techniques.list', {}, ['techniques']);
  const facets = useQuery('customers.facets', {}, ['customers']);

  const original = editing?.goal ?? null;
  const [values, setValues] = useState<GoalFormValues>(() =>
    editing ? formFromGoal(editing.goal, editing.milestones, settings.language) : emptyGoalForm(today),
  );
  const currency = original?.currency ?? settings.currency;
  const unit: MetricUnit = METRICS[values.metric].unit;
  const ctx = { language: settings.language, currency };
  const prefix = original ? 'goal.' : '';
  const form = useForm(values, (v: GoalFormValues) => validateGoal(v, ctx), {
    fields: isGoalFormField,
    prefix,
  });
  const change = (patch: Partial<GoalFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  const changeMilestone = (key: number, patch: Partial<MilestoneRow>): void =>
    setValues((v) => ({ ...v, milestones: v.milestones.map((m) => (m.key === key ? { ...m, ...patch } : m)) }));
  const addMilestone = (kind: MilestoneRow['kind']): void =>
    setValues((v) => ({
      ...v,
      milestones: [
        ...v.milestones,
        {
          key: Math.max(-1, ...v.milestones.map((m) => m.key)) + 1,
          kind,
          title: '',
          date: v.periodKind === 'fixed' && v.to ? v.to : '',
          target: '',
          auto: true,
        },
      ],
    }));

  const originalStart = original
    ? original.period.kind === 'fixed'
      ? original.period.from
      : original.period.since
    : null;
  const started = originalStart !== null && originalStart <= today;
  const check = validateGoal(values, ctx);
  const changes = original && check.ok ? changesOf(original, check.input) : null;
  const recorded = changes !== null && (changes.target || changes.deadline);

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      if (original) {
        await api.call('goals.update', { id: original.id, goal: input, note: values.note.trim() || null });
        notify.success('goals.form.updated');
        onClose();
      } else {
        const created = await api.call('goals.create', input);
        notify.success('goals.form.created');
        onClose();
        navigate(`/goals/${created.id}`);
      }
    });

  const optional = t('common.optional');
  const custom = values.metric === 'custom';
  const narrowedBy = metricFilters(values.metric);
  const segmentOnly = narrowedBy === 'segments';
  const suffix =
    unit === 'money'
      ? currency
      : unit === 'fraction'
        ? '%'
        : unit === 'rating'
          ? t('goals.form.ofFive')
          : unit === 'minutes'
            ? t('library.learning.minutesUnit')
            : '';

  return (
    <FormDialog
      title={original ? t('goals.form.editTitle') : t('goals.form.newTitle')}
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={original ? t('common.save') : t('goals.form.create')}
      form={form}
      failureTitle={t('goals.form.saveFailed')}
    >
      <TextField
        label={t('goals.form.title')}
        error={form.error('title')}
        value={values.title}
        placeholder={t('goals.form.titlePlaceholder')}
        onChange={(title) => change({ title })}
        autoFocus
      />
      <SelectField
        label={t('goals.form.metric')}
        error={form.error('metric')}
        hint={original ? t('goals.form.fixedOnceCreated') : t(`goals.metricHints.${values.metric}`)}
        value={values.metric}
        disabled={original !== null}
        onChange={(metric) => change({ metric, target: '' })}
        options={GOAL_METRICS.map((metric) => ({ value: metric, label: t(`goals.metrics.${metric}`) }))}
      />
      {custom && (
        <TextField
          label={t('goals.form.customName')}
          error={form.error('customName')}
          value={values.customName}
          placeholder={t('goals.form.customNamePlaceholder')}
          onChange={(customName) => change({ customName })}
        />
      )}
      <div className="form-row">
        <SegmentedField
          legend={t('goals.form.direction')}
          value={values.direction}
          disabled={original !== null}
          onChange={(direction) => change({ direction })}
          options={GOAL_DIRECTIONS.map((direction) => ({
            value: direction,
            label: t(`goals.directions.${direction}`),
          }))}
        />
        <NumberField
          label={t('goals.form.target')}
          error={form.error('target')}
          hint={t(`goals.form.targetHints.${unit}`)}
          unit={suffix}
          value={values.target}
          onChange={(target) => change({ target })}
        />
      </div>

      <SegmentedField
        legend={t('goals.form.period')}
        value={values.periodKind}
        disabled={original !== null}
        onChange={(periodKind) => change({ periodKind })}
        options={(['fixed', 'recurring'] as const).map((kind) => ({
          value: kind,
          label: t(`goals.form.periodKinds.${kind}`),
        }))}
      />
      {values.periodKind === 'fixed' ? (
        <>
          {!started && (
            <div className="goal-presets" role="group" aria-label={t('goals.form.presets.label')}>
              {PERIOD_PRESETS.map((preset) => (
                <button
                  key={preset}
                  type="button"
                  className="btn btn-compact"
                  onClick={() => change(presetPeriod(preset, today))}
                >
                  {t(`goals.form.presets.${preset}`)}
                </button>
              ))}
            </div>
          )}
          <div className="form-row">
            <DateField
              label={t('goals.form.from')}
              error={form.error('period.from')}
              hint={started ? t('goals.form.startedHint') : undefined}
              value={values.from}
              disabled={started}
              onChange={(from) => change({ from })}
            />
            <DateField
              label={t('goals.form.to')}
              error={form.error('period.to')}
              value={values.to}
              onChange={(to) => change({ to })}
            />
          </div>
        </>
      ) : (
        <div className="form-row">
          <SelectField
            label={t('goals.form.every')}
            error={form.error('period.every')}
            value={values.every}
            disabled={original !== null}
            onChange={(every) => change({ every })}
            options={RECURRENCES.map((every) => ({ value: every, label: t(`goals.every.${every}`) }))}
          />
          <DateField
            label={t('goals.form.since')}
            error={form.error('period.since')}
            hint={started ? t('goals.form.startedHint') : t('goals.form.sinceHint')}
            value={values.since}
            disabled={started}
            onChange={(since) => change({ since })}
          />
        </div>
      )}

      {recorded && changes && (
        <div className={`notice ${changes.easing ? 'notice-warning' : 'notice-info'}`} role="status">
          <Icon name={changes.easing ? 'alert' : 'clock'} />
          <p>{changes.easing ? t('goals.form.easingWarning') : t('goals.form.changeRecorded')}</p>
        </div>
      )}
      {recorded && (
        <TextField
          label={t('goals.form.note')}
          optional={optional}
          error={form.error('note')}
          value={values.note}
          placeholder={t('goals.form.notePlaceholder')}
          onChange={(note) => change({ note })}
        />
      )}

      <fieldset className="fieldset goal-milestones-editor">
        <legend className="field-label">{t('goals.form.milestones')}</legend>
        {values.milestones.length === 0 && <p className="field-hint">{t('goals.form.milestonesHint')}</p>}
        {values.milestones.map((m, index) => (
          <div key={m.key} className="milestone-row" role="group" aria-label={t(`goals.form.milestoneKinds.${m.kind}`)}>
            <TextField
              label={m.kind === 'step' ? t('goals.form.stepTitle') : t('goals.form.milestoneTitle')}
              error={form.error(`milestones.${index}.title`)}
              className="milestone-title"
              value={m.title}
              onChange={(v) => changeMilestone(m.key, { title: v })}
            />
            <DateField
              label={t('goals.form.milestoneDate')}
              error={form.error(`milestones.${index}.date`)}
              value={m.date}
              onChange={(date) => changeMilestone(m.key, { date })}
            />
            {m.kind === 'target' && (
              <NumberField
                label={t('goals.form.milestoneTarget')}
                error={form.error(`milestones.${index}.target`)}
                unit={suffix}
                value={m.target}
                onChange={(target) => changeMilestone(m.key, { target })}
              />
            )}
            <button
              type="button"
              className="btn btn-ghost btn-icon milestone-remove"
              aria-label={t('goals.form.removeMilestone', {
                title: m.title || t(`goals.form.milestoneKinds.${m.kind}`),
              })}
              onClick={() => setValues((v) => ({ ...v, milestones: v.milestones.filter((x) => x.key !== m.key) }))}
            >
              <Icon name="close" />
            </button>
          </div>
        ))}
        <div className="rule-add">
          <AddButton label={t('goals.form.addTarget')} onClick={() => addMilestone('target')} />
          <AddButton label={t('goals.form.addStep')} onClick={() => addMilestone('step')} />
        </div>
      </fieldset>

      {narrowedBy === 'none' && <p className="field-hint goal-learning-hint">{t('library.learning.noFiltersHint')}</p>}
      {!custom && narrowedBy !== 'none' && (
        <fieldset className="fieldset goal-filters-editor">
          <legend className="field-label">
            {t('goals.form.filters')}
            <span className="field-optional">{optional}</span>
          </legend>
          <p className="field-hint">
            {started
              ? t('goals.form.filtersStarted')
              : segmentOnly
                ? t('goals.form.segmentOnly')
                : t('goals.form.filtersHint')}
          </p>
          {form.errorIn('filters') && <p className="field-error">{form.errorIn('filters')}</p>}
          {!segmentOnly && (
            <ChipGroup
              label={t('goals.form.products')}
              options={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              selected={values.productIds}
              disabled={started}
              onChange={(productIds) => change({ productIds })}
            />
          )}
          <ChipGroup
            label={t('goals.form.segments')}
            options={(facets.data?.segments ?? []).map((s) => ({ value: s, label: s }))}
            selected={values.segments}
            disabled={started}
            onChange={(segments) => change({ segments })}
          />
          {!segmentOnly && (
            <ChipGroup
              label={t('goals.form.techniques')}
              options={(techniques.data ?? []).map((tq) => ({ value: tq.id, label: tq.name }))}
              selected={values.techniqueIds}
              disabled={started}
              onChange={(techniqueIds) => change({ techniqueIds })}
            />
          )}
        </fieldset>
      )}

      <div className="form-row">
        {custom ? (
          <SelectField
            label={t('goals.form.category')}
            error={form.error('category')}
            value={values.category}
            onChange={(category) => change({ category })}
            options={SCORE_CATEGORIES.map((category) => ({
              value: category,
              label: t(`goals.categories.${category}`),
            }))}
          />
        ) : (
          <div className="field">
            <span className="field-label">{t('goals.form.category')}</span>
            <p className="goal-form-static">{t(`goals.categories.${METRICS[values.metric].category}`)}</p>
          </div>
        )}
        <NumberField
          label={t('goals.form.weight')}
          error={form.error('weight')}
          hint={t('goals.form.weightHint')}
          value={values.weight}
          onChange={(weight) => change({ weight })}
        />
      </div>
    </FormDialog>
  );
}

function ChipGroup<V extends string | number>({
  label,
  options,
  selected,
  disabled,
  onChange,
}: {
  label: string;
  options: readonly { value: V; label: string }[];
  selected: readonly V[];
  disabled: boolean;
  onChange: (selected: V[]) => void;
}): ReactElement | null {
  if (options.length === 0) return null;
  return (
    <div className="goal-chip-group" role="group" aria-label={label}>
      <span className="goal-chip-label">{label}</span>
      <ChipChecks options={options} selected={selected} disabled={disabled} onChange={onChange} />
    </div>
  );
}
