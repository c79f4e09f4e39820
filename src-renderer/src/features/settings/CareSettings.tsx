import type { TFunction } from 'i18next';
import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../src-main/shared/api';
import {
  CadenceDays,
  CadenceInput,
  ContactRulesInput,
  type Cadence,
  type ContactRule,
  type ContactScope,
} from '../../../../src-main/features/care/contract';
import type { Product } from '../../../../src-main/features/catalog/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useForm } from '../../hooks/useForm';
import { parseDayCount } from '../care/careModel';
import { CustomerPicker, type CustomerRef } from '../customers/CustomerPicker';
import { useFormat } from '../../i18n/format';
import { useMessage } from '../../i18n/messages';
import { schemaErrors, useDescribeError, validation, type Validation } from '../../ui/errors';
import { Select } from '../../ui/Field';
import { AddButton } from '../../ui/AddButton';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { Spinner } from '../../ui/Spinner';
import { SettingsForm } from './SettingsForm';

/**
 * Customer care settings: the check-in cadence after a won sale, and the stay-in-touch
 * intervals. Each part is saved as a whole, as the contract replaces it as a whole.
 */
export function CareSettings(): ReactElement {
  const { t } = useTranslation();
  const cadence = useQuery('care.cadence.get', {}, ['care', 'products']);
  const rules = useQuery('care.contactRules.get', {}, ['care', 'customers']);
  const products = useQuery('products.list', {}, ['products']);
  const facets = useQuery('customers.facets', {}, ['customers']);
  const segments = facets.data?.segments ?? [];

  const loading = (
    <div className="setting-loading">
      <Spinner label={t('common.loading')} />
    </div>
  );
  return (
    <section className="card settings-section care-settings" aria-labelledby="settings-care">
      <h2 id="settings-care">{t('care.settings.title')}</h2>
      {cadence.error ? (
        <LoadFailed error={cadence.error} onRetry={cadence.reload} />
      ) : cadence.data && products.data ? (
        // Keyed by what was loaded: after a save (or a change elsewhere) the editor starts from it.
        <CadenceEditor
          key={JSON.stringify(cadence.data)}
          cadence={cadence.data}
          products={products.data}
          segments={segments}
        />
      ) : (
        loading
      )}
      {rules.error ? (
        <LoadFailed error={rules.error} onRetry={rules.reload} />
      ) : rules.data ? (
        <ContactRulesEditor key={JSON.stringify(rules.data)} rules={rules.data} segments={segments} />
      ) : (
        loading
      )}
    </section>
  );
}

/** Said in the section's own quiet voice, as the About section does: the rest of Settings works. */
function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }): ReactElement {
  const { t } = useTranslation();
  const describe = useDescribeError();
  return (
    <div className="care-settings-part">
      <p className="setting-help">
        {t('care.settings.loadFailed')} {describe(error)}
      </p>
      <button type="button" className="btn btn-compact rule-retry" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

// ---- cadence ----------------------------------------------------------------------------

/** A React key for a new row: rows come and go, so their position cannot be their key. */
const nextKey = (rows: readonly { key: number }[]): number => Math.max(-1, ...rows.map((row) => row.key)) + 1;

/** The rows with the one keyed `key` changed by `patch`. */
const patchRow = <R extends { key: number }>(rows: readonly R[], key: number, patch: Partial<R>): R[] =>
  rows.map((row) => (row.key === key ? { ...row, ...patch } : row));

interface CadenceDraft {
  defaultDays: number[];
  products: { key: number; productId: string; days: number[] }[];
  segments: { key: number; segment: string; days: number[] }[];
}

function validateCadence(draft: CadenceDraft): Validation<Input<'care.cadence.set'>> {
  const input = {
    defaultDays: draft.defaultDays,
    products: draft.products.map((p) => ({ productId: Number(p.productId), days: p.days })),
    segments: draft.segments.map((s) => ({ segment: s.segment, days: s.days })),
  };
  return validation(CadenceInput.safeParse(input));
}

function CadenceEditor({
  cadence,
  products,
  segments,
}: {
  cadence: Cadence;
  products: readonly Product[];
  segments: readonly string[];
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [draft, setDraft] = useState<CadenceDraft>(() => ({
    defaultDays: cadence.defaultDays,
    products: cadence.products.map((p, i) => ({ key: i, productId: String(p.productId), days: p.days })),
    segments: cadence.segments.map((s, i) => ({ key: i, segment: s.segment, days: s.days })),
  }));
  const form = useForm(draft, validateCadence, {
    fields: (path) => /^(defaultDays|products|segments)/.test(path),
  });

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      await api.call('care.cadence.set', input);
      notify.success('care.settings.cadenceSaved');
    });

  const unusedProduct = products.find((p) => !draft.products.some((row) => row.productId === String(p.id)));
  const segmentOptions = (current: string): string[] =>
    [...new Set([...(current ? [current] : []), ...segments])].sort((a, b) => a.localeCompare(b));

  return (
    <SettingsForm
      title={t('care.settings.cadenceTitle')}
      help={[t('care.settings.cadenceText'), t('care.settings.cadencePrecedence')]}
      className="care-settings-part"
      form={form}
      onSave={() => void save()}
      failureTitle={t('care.settings.saveFailed')}
      saveLabel={t('care.settings.saveCadence')}
    >
      <div className="rule-row">
        <span className="rule-scope">{t('care.settings.defaultCadence')}</span>
        <DaysEditor
          label={t('care.settings.defaultCadence')}
          days={draft.defaultDays}
          onChange={(defaultDays) => setDraft((d) => ({ ...d, defaultDays }))}
          error={form.errorIn('defaultDays')}
        />
      </div>
      {draft.segments.map((row, index) => (
        <CadenceRow
          key={row.key}
          scope={t('care.settings.forSegment')}
          options={segmentOptions(row.segment).map((segment) => ({ value: segment, label: segment }))}
          value={row.segment}
          onValue={(segment) => setDraft((d) => ({ ...d, segments: patchRow(d.segments, row.key, { segment }) }))}
          daysLabel={t('care.settings.segmentCadence', { segment: row.segment })}
          days={row.days}
          onDays={(days) => setDraft((d) => ({ ...d, segments: patchRow(d.segments, row.key, { days }) }))}
          valueError={form.error(`segments.${index}.segment`)}
          daysError={form.errorIn(`segments.${index}.days`)}
          onRemove={() => setDraft((d) => ({ ...d, segments: d.segments.filter((s) => s.key !== row.key) }))}
        />
      ))}
      {draft.products.map((row, index) => (
        <CadenceRow
          key={row.key}
          scope={t('care.settings.forProduct')}
          options={products.map((product) => ({ value: String(product.id), label: product.name }))}
          value={row.productId}
          onValue={(productId) => setDraft((d) => ({ ...d, products: patchRow(d.products, row.key, { productId }) }))}
          daysLabel={t('care.settings.productCadence', {
            product: products.find((p) => String(p.id) === row.productId)?.name ?? '',
          })}
          days={row.days}
          onDays={(days) => setDraft((d) => ({ ...d, products: patchRow(d.products, row.key, { days }) }))}
          valueError={form.error(`products.${index}.productId`)}
          daysError={form.errorIn(`products.${index}.days`)}
          onRemove={() => setDraft((d) => ({ ...d, products: d.products.filter((p) => p.key !== row.key) }))}
        />
      ))}
      <div className="rule-add">
        <AddButton
          label={t('care.settings.addSegment')}
          disabled={segments.length === 0}
          onClick={() =>
            setDraft((d) => ({
              ...d,
              segments: [
                ...d.segments,
                {
                  key: nextKey(d.segments),
                  segment: segments.find((s) => !d.segments.some((row) => row.segment === s)) ?? segments[0] ?? '',
                  days: d.defaultDays,
                },
              ],
            }))
          }
        />
        <AddButton
          label={t('care.settings.addProduct')}
          disabled={!unusedProduct}
          onClick={() =>
            unusedProduct &&
            setDraft((d) => ({
              ...d,
              products: [
                ...d.products,
                { key: nextKey(d.products), productId: String(unusedProduct.id), days: d.defaultDays },
              ],
            }))
          }
        />
      </div>
    </SettingsForm>
  );
}

/** A segment's or a product's own check-in days: which one, its days, and a way to drop it. */
function CadenceRow({
  scope,
  options,
  value,
  onValue,
  daysLabel,
  days,
  onDays,
  valueError,
  daysError,
  onRemove,
}: {
  scope: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onValue: (value: string) => void;
  daysLabel: string;
  days: readonly number[];
  onDays: (days: number[]) => void;
  valueError: string | undefined;
  daysError: string | undefined;
  onRemove: () => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="rule-row">
      <label className="rule-scope">
        <span>{scope}</span>
        <Select
          className="select-compact"
          value={value}
          aria-invalid={valueError ? true : undefined}
          onChange={onValue}
          options={options}
        />
      </label>
      {/* The choice's error is said under the days, where the row has room for it. */}
      <DaysEditor label={daysLabel} days={days} onChange={onDays} error={valueError ?? daysError} />
      <RemoveButton label={t('care.settings.removeRule')} onClick={onRemove} />
    </div>
  );
}

/** Days after the close date as removable chips, and a box to add one (Enter or "Add"). */
function DaysEditor({
  label,
  days,
  onChange,
  error,
}: {
  label: string;
  days: readonly number[];
  onChange: (days: number[]) => void;
  error?: string;
}): ReactElement {
  const { t } = useTranslation();
  const message = useMessage();
  const format = useFormat();
  const errorId = useId();
  const [text, setText] = useState('');
  const [addError, setAddError] = useState<string | null>(null);

  const add = (): void => {
    if (text.trim() === '') return;
    // The contract's own check: a whole number of days, 0 to ten years, no repeats, at most 12.
    const parsed = CadenceDays.safeParse([...days, parseDayCount(text)]);
    if (!parsed.success) {
      setAddError(parsed.error.issues[0]?.message ?? 'errors.cadenceDays');
      return;
    }
    onChange(parsed.data);
    setText('');
    setAddError(null);
  };

  const shown = addError ? message(addError) : error;
  return (
    <div className="days-editor" role="group" aria-label={label}>
      <ul className="day-chips">
        {days.length === 0 && <li className="muted">{t('care.settings.noCheckIns')}</li>}
        {days.map((day) => (
          <li key={day} className="day-chip">
            {t('care.settings.day', { days: format.number(day) })}
            <button
              type="button"
              className="day-chip-remove"
              aria-label={t('care.settings.removeDay', { days: format.number(day) })}
              onClick={() => onChange(days.filter((d) => d !== day))}
            >
              <Icon name="close" size={12} />
            </button>
          </li>
        ))}
      </ul>
      <span className="day-add">
        <input
          className="input input-days"
          type="text"
          inputMode="numeric"
          value={text}
          aria-label={t('care.settings.addDayLabel')}
          aria-invalid={shown ? true : undefined}
          aria-describedby={shown ? errorId : undefined}
          placeholder={t('care.settings.dayPlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            setAddError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="btn btn-compact" onClick={add}>
          {t('care.settings.addDay')}
        </button>
      </span>
      {shown && (
        <p id={errorId} className="field-error days-error">
          {shown}
        </p>
      )}
    </div>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }): ReactElement {
  return (
    <button
      type="button"
      className="btn btn-ghost btn-icon btn-compact"
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <Icon name="close" size={14} />
    </button>
  );
}

// ---- contact rules ----------------------------------------------------------------------

interface RuleDraft {
  key: number;
  scope: ContactScope;
  value: string;
  customer: CustomerRef | null;
  ideal: string;
  max: string;
}

/** Where each scope sits in the precedence, for showing the rules in the order they apply. */
const SCOPE_ORDER: Record<ContactScope, number> = { customer: 0, tag: 1, segment: 2, default: 3 };

function validateRules(rules: readonly RuleDraft[]): Validation<Input<'care.contactRules.set'>> {
  const input = rules.map((rule) => ({
    scope: rule.scope,
    // A blank name is "no name", which the contract answers with "required" for these scopes.
    value: (rule.scope === 'segment' || rule.scope === 'tag') && rule.value.trim() !== '' ? rule.value : null,
    customerId: rule.scope === 'customer' ? (rule.customer?.id ?? null) : null,
    idealDays: parseDayCount(rule.ideal),
    maxDays: parseDayCount(rule.max),
  }));
  const parsed = ContactRulesInput.safeParse(input);
  return parsed.success
    ? { ok: true, input: { rules: input } }
    : { ok: false, errors: schemaErrors(parsed.error.issues) };
}

function ContactRulesEditor({
  rules,
  segments,
}: {
  rules: readonly ContactRule[];
  segments: readonly string[];
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [draft, setDraft] = useState<RuleDraft[]>(() =>
    [...rules]
      .sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope])
      .map((rule, i) => ({
        key: i,
        scope: rule.scope,
        value: rule.value ?? '',
        customer: rule.customerId === null ? null : { id: rule.customerId, name: rule.customerName ?? '' },
        ideal: String(rule.idealDays),
        max: String(rule.maxDays),
      })),
  );
  const form = useForm(draft, validateRules, { fields: (path) => /^\d+\./.test(path), prefix: 'rules.' });
  const hasDefault = draft.some((rule) => rule.scope === 'default');

  const change = (key: number, patch: Partial<RuleDraft>): void => setDraft((all) => patchRow(all, key, patch));
  const add = (scope: ContactScope): void =>
    setDraft((all) => {
      const fallback = all.find((rule) => rule.scope === 'default');
      const row: RuleDraft = {
        key: nextKey(all),
        scope,
        value: scope === 'segment' ? (segments[0] ?? '') : '',
        customer: null,
        ideal: fallback?.ideal ?? '30',
        max: fallback?.max ?? '60',
      };
      return [...all, row].sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope]);
    });

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      await api.call('care.contactRules.set', input);
      notify.success('care.settings.rulesSaved');
    });

  return (
    <SettingsForm
      title={t('care.settings.contactTitle')}
      help={[t('care.settings.contactText'), t('care.settings.contactPrecedence')]}
      className="care-settings-part"
      form={form}
      onSave={() => void save()}
      failureTitle={t('care.settings.saveFailed')}
      saveLabel={t('care.settings.saveRules')}
    >
      {draft.length === 0 ? (
        <p className="muted rule-empty">{t('care.settings.noRules')}</p>
      ) : (
        <div className="rules-table" role="table" aria-label={t('care.settings.contactTitle')}>
          <div role="row" className="rules-head">
            <span role="columnheader">{t('care.settings.appliesTo')}</span>
            <span role="columnheader">{t('care.settings.ideal')}</span>
            <span role="columnheader">{t('care.settings.max')}</span>
            <span role="columnheader">
              <span className="visually-hidden">{t('care.actions')}</span>
            </span>
          </div>
          {draft.map((rule, index) => (
            <RuleRow
              key={rule.key}
              rule={rule}
              segments={segments}
              error={(field) => form.error(`${index}.${field}`)}
              onChange={(patch) => change(rule.key, patch)}
              onRemove={() => setDraft((all) => all.filter((r) => r.key !== rule.key))}
            />
          ))}
        </div>
      )}
      <div className="rule-add">
        {!hasDefault && <AddButton label={t('care.settings.addDefault')} onClick={() => add('default')} />}
        <AddButton
          label={t('care.settings.addSegment')}
          onClick={() => add('segment')}
          disabled={segments.length === 0}
        />
        <AddButton label={t('care.settings.addTag')} onClick={() => add('tag')} />
        <AddButton label={t('care.settings.addCustomer')} onClick={() => add('customer')} />
      </div>
    </SettingsForm>
  );
}

function RuleRow({
  rule,
  segments,
  error,
  onChange,
  onRemove,
}: {
  rule: RuleDraft;
  segments: readonly string[];
  error: (field: 'scope' | 'value' | 'customerId' | 'idealDays' | 'maxDays') => string | undefined;
  onChange: (patch: Partial<RuleDraft>) => void;
  onRemove: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const name = ruleName(t, rule);
  const targetError = error('value') ?? error('customerId') ?? error('scope');
  const number = (field: 'ideal' | 'max', path: 'idealDays' | 'maxDays'): ReactElement => (
    <span role="cell" className="rule-cell">
      <input
        className="input input-days"
        type="text"
        inputMode="numeric"
        value={rule[field]}
        aria-label={t(`care.settings.${field}For`, { rule: name })}
        aria-invalid={error(path) ? true : undefined}
        aria-describedby={error(path) ? `${id}-${path}` : undefined}
        onChange={(e) => onChange({ [field]: e.target.value })}
      />
      {error(path) && (
        <span id={`${id}-${path}`} className="field-error">
          {error(path)}
        </span>
      )}
    </span>
  );
  return (
    <div role="row" className="rules-row">
      <span role="cell" className="rule-cell rule-target">
        <span className="rule-scope-label">{t(`care.settings.scopes.${rule.scope}`)}</span>
        {rule.scope === 'segment' && (
          <Select
            className="select-compact"
            value={rule.value}
            aria-label={t('care.settings.segmentName')}
            aria-invalid={targetError ? true : undefined}
            onChange={(value) => onChange({ value })}
            options={[...new Set([...(rule.value ? [rule.value] : []), ...segments])].map((segment) => ({
              value: segment,
              label: segment,
            }))}
          />
        )}
        {rule.scope === 'tag' && (
          <input
            className="input input-compact"
            type="text"
            value={rule.value}
            aria-label={t('care.settings.tagName')}
            placeholder={t('care.settings.tagPlaceholder')}
            aria-invalid={targetError ? true : undefined}
            aria-describedby={targetError ? `${id}-target` : undefined}
            onChange={(e) => onChange({ value: e.target.value })}
          />
        )}
        {rule.scope === 'customer' && (
          <label htmlFor={`${id}-customer`} className="visually-hidden">
            {t('care.settings.customerName')}
          </label>
        )}
        {rule.scope === 'customer' && (
          <CustomerPicker
            id={`${id}-customer`}
            value={rule.customer}
            onChange={(customer) => onChange({ customer })}
            placeholder={t('customerPicker.placeholder')}
            aria-invalid={targetError ? true : undefined}
            aria-describedby={targetError ? `${id}-target` : undefined}
          />
        )}
        {targetError && (
          <span id={`${id}-target`} className="field-error">
            {targetError}
          </span>
        )}
      </span>
      {number('ideal', 'idealDays')}
      {number('max', 'maxDays')}
      <span role="cell" className="rule-cell">
        <RemoveButton label={t('care.settings.removeRuleFor', { rule: name })} onClick={onRemove} />
      </span>
    </div>
  );
}

function ruleName(t: TFunction, rule: RuleDraft): string {
  if (rule.scope === 'default') return t('care.settings.scopes.default');
  if (rule.scope === 'customer') return rule.customer?.name ?? t('care.settings.scopes.customer');
  return `${t(`care.settings.scopes.${rule.scope}`)} ${rule.value}`.trim();
}
