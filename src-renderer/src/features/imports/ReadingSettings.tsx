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
        <label className="field">
          <span className="field-label">{t('import.encoding')}</span>
          <select
            className="select"
            value={options.encoding ?? ''}
            onChange={(e) => set({ encoding: choice(Encoding, e.target.value) })}
          >
            <option value="">{t('import.detected', { value: ENCODING_NAMES[settings.encoding] })}</option>
            {ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {ENCODING_NAMES[encoding]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('import.delimiter')}</span>
          <select
            className="select"
            value={options.delimiter ?? ''}
            onChange={(e) => set({ delimiter: choice(Delimiter, e.target.value) })}
          >
            <option value="">
              {t('import.detected', { value: t(`import.delimiters.${DELIMITER_KEYS[settings.delimiter]}`) })}
            </option>
            {DELIMITERS.map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {t(`import.delimiters.${DELIMITER_KEYS[delimiter]}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('import.decimal')}</span>
          <select
            className="select"
            value={options.decimal ?? ''}
            onChange={(e) => set({ decimal: choice(DecimalSeparator, e.target.value) })}
          >
            <option value="">{t('import.detected', { value: DECIMAL_SAMPLES[settings.decimal] })}</option>
            {DecimalSeparator.options.map((decimal) => (
              <option key={decimal} value={decimal}>
                {DECIMAL_SAMPLES[decimal]}
              </option>
            ))}
          </select>
        </label>
        {kind === 'sales' && (
          <>
            <label className="field">
              <span className="field-label">{t('import.dateFormat')}</span>
              <select
                className="select"
                value={options.dateFormat ?? ''}
                aria-invalid={mustChooseDateFormat}
                onChange={(e) => set({ dateFormat: choice(DateFormat, e.target.value) })}
              >
                <option value="">
                  {settings.dateFormat && !options.dateFormat
                    ? t('import.detected', { value: settings.dateFormat })
                    : t('import.chooseDateFormat')}
                </option>
                {DATE_FORMATS.map((dateFormat) => (
                  <option key={dateFormat} value={dateFormat}>
                    {dateFormat}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('import.currency')}</span>
              <select
                className="select"
                value={options.currency ?? ''}
                onChange={(e) => set({ currency: e.target.value || undefined })}
              >
                <option value="">{t('import.currencyDefault', { currency: defaultCurrency })}</option>
                {CURRENCIES.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            </label>
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
