import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  DATE_FORMATS,
  DateFormat,
  DecimalSeparator,
  Delimiter,
  DELIMITERS,
  Encoding,
  ENCODINGS,
  type ImportKind,
  type ImportOptions,
  type ImportPreview,
  type ImportSettings,
} from '../../../../src-main/features/imports/contract';
import { CURRENCIES } from '../../../../src-main/shared/money';
import { useFormat } from '../../i18n/format';
import { Options, type Option } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { useSettings } from '../settings/SettingsProvider';

export const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};
const DELIMITER_KEYS: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
const DECIMAL_SAMPLES: Record<DecimalSeparator, string> = { ',': '1.234,56', '.': '1,234.56' };

/** A select's value as an option: '' (the "detected" entry) and anything unknown mean automatic. */
const choice = <T,>(schema: z.ZodType<T>, value: string): T | undefined => schema.safeParse(value).data;

export interface ReadingSettingsProps {
  kind: ImportKind;
  /** What the backend detected or was told, shown as each select's automatic choice. */
  settings: ImportSettings;
  options: ImportOptions;
  onOptions: (options: ImportOptions) => void;
  mustChooseDateFormat: boolean;
  /** The value that proved day-first or month-first, said so the user sees why nobody asked. */
  dateEvidence: ImportPreview['dateEvidence'];
}

/** How the file is read: each setting shows what was detected and can be overridden. */
export function ReadingSettings({
  kind,
  settings,
  options,
  onOptions,
  mustChooseDateFormat,
  dateEvidence,
}: ReadingSettingsProps): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const defaultCurrency = useSettings().settings.currency;
  const set = (patch: Partial<ImportOptions>): void => onOptions({ ...options, ...patch });
  return (
    <section className="card panel" aria-labelledby="import-reading">
      <h2 id="import-reading">{t('import.readingTitle')}</h2>
      <div className="import-reading">
        <ReadingSelect
          label={t('import.encoding')}
          value={options.encoding}
          automatic={t('import.detected', { value: ENCODING_NAMES[settings.encoding] })}
          options={ENCODINGS.map((encoding) => ({ value: encoding, label: ENCODING_NAMES[encoding] }))}
          onChange={(value) => set({ encoding: choice(Encoding, value) })}
        />
        <ReadingSelect
          label={t('import.delimiter')}
          value={options.delimiter}
          automatic={t('import.detected', { value: t(`import.delimiters.${DELIMITER_KEYS[settings.delimiter]}`) })}
          options={DELIMITERS.map((delimiter) => ({
            value: delimiter,
            label: t(`import.delimiters.${DELIMITER_KEYS[delimiter]}`),
          }))}
          onChange={(value) => set({ delimiter: choice(Delimiter, value) })}
        />
        <ReadingSelect
          label={t('import.decimal')}
          value={options.decimal}
          automatic={t('import.detected', { value: DECIMAL_SAMPLES[settings.decimal] })}
          options={DecimalSeparator.options.map((decimal) => ({ value: decimal, label: DECIMAL_SAMPLES[decimal] }))}
          onChange={(value) => set({ decimal: choice(DecimalSeparator, value) })}
        />
        {kind === 'sales' && (
          <>
            <ReadingSelect
              label={t('import.dateFormat')}
              value={options.dateFormat}
              invalid={mustChooseDateFormat}
              automatic={
                settings.dateFormat && !options.dateFormat
                  ? t('import.detected', { value: settings.dateFormat })
                  : t('import.chooseDateFormat')
              }
              options={DATE_FORMATS.map((dateFormat) => ({ value: dateFormat, label: dateFormat }))}
              onChange={(value) => set({ dateFormat: choice(DateFormat, value) })}
            />
            <ReadingSelect
              label={t('import.currency')}
              value={options.currency}
              automatic={t('import.currencyDefault', { currency: defaultCurrency })}
              options={CURRENCIES.map((code) => ({ value: code, label: code }))}
              onChange={(value) => set({ currency: value || undefined })}
            />
          </>
        )}
      </div>
      {kind === 'sales' && dateEvidence && !options.dateFormat && (
        <p className="notice notice-info import-date-evidence">
          <Icon name="calendar" />
          <span>
            {t(`import.dateEvidence.${dateEvidence.format === 'dd/MM/yyyy' ? 'dayFirst' : 'monthFirst'}`, {
              value: dateEvidence.value,
              line: format.number(dateEvidence.line),
            })}
          </span>
        </p>
      )}
    </section>
  );
}

interface ReadingSelectProps {
  label: string;
  /** The option chosen; undefined is the automatic choice. */
  value: string | undefined;
  /** The automatic choice's words, e.g. what was detected. */
  automatic: string;
  options: readonly Option<string>[];
  onChange: (value: string) => void;
  invalid?: boolean;
}

/** One reading setting: the automatic choice (value '') first, then the fixed options. */
function ReadingSelect({ label, value, automatic, options, onChange, invalid }: ReadingSelectProps): ReactElement {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select className="select" value={value ?? ''} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
        <option value="">{automatic}</option>
        <Options options={options} />
      </select>
    </label>
  );
}
