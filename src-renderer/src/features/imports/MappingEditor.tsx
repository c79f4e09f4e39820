import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fieldsOf,
  type ImportKind,
  type ImportOptions,
  type ImportPreview,
} from '../../../../src-main/features/imports/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { DataTable } from '../../ui/DataTable';
import { useNotify } from '../../ui/Notifications';
import { applySavedMapping, isRequired, remap, shownMapping } from './importModel';

export interface MappingEditorProps {
  kind: ImportKind;
  preview: ImportPreview;
  options: ImportOptions;
  onOptions: (options: ImportOptions) => void;
}

/**
 * Which column of the file feeds each field. Starts from the suggestion (English, Italian
 * and CRM headers); every choice can be changed, and the result saved under a name to reuse
 * on next month's export of the same CRM.
 */
export function MappingEditor({ kind, preview, options, onOptions }: MappingEditorProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const saved = useQuery('import.mappings.list', { kind }, []);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const firstRow = preview.rows[0]?.cells ?? [];
  // The choices made count at once: shown, and saved, before their preview has come.
  const mapping = shownMapping(options, preview);

  const apply = (id: string): void => {
    const mapping = saved.data?.find((m) => String(m.id) === id);
    if (mapping) onOptions({ ...options, mapping: applySavedMapping(kind, mapping.mapping) });
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') return;
    setSaving(true);
    try {
      await api.call('import.mappings.save', { name, kind, mapping });
      notify.success('import.mappingSaved');
      setName('');
      saved.reload();
    } catch (failure) {
      notify.error('import.mappingSaveFailed', failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card panel" aria-labelledby="import-mapping">
      <div className="section-heading">
        <h2 id="import-mapping">{t('import.mappingTitle')}</h2>
        {saved.data && saved.data.length > 0 && (
          <label className="inline-field">
            <span>{t('import.savedMappings')}</span>
            <select className="select select-compact" value="" onChange={(e) => apply(e.target.value)}>
              <option value="">{t('import.applyMapping')}</option>
              {saved.data.map((mapping) => (
                <option key={mapping.id} value={mapping.id}>
                  {mapping.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted">{t('import.mappingHint')}</p>
      <DataTable
        className="import-mapping"
        columns={[{ label: t('import.field') }, { label: t('import.column') }, { label: t('import.firstValue') }]}
      >
        {fieldsOf(kind).map((field) => {
          const header = mapping[field] ?? '';
          const missing = preview.missingFields.includes(field);
          const index = preview.headers.indexOf(header);
          return (
            <tr key={field}>
              <th scope="row">
                <label htmlFor={`map-${field}`}>
                  {t(`import.fields.${field}`)}
                  {isRequired(kind, field) && (
                    <span className="required" aria-label={t('import.required')}>
                      {' *'}
                    </span>
                  )}
                </label>
              </th>
              <td>
                <select
                  id={`map-${field}`}
                  className="select select-compact"
                  value={header}
                  aria-invalid={missing}
                  onChange={(e) => onOptions(remap(options, field, e.target.value || null))}
                >
                  <option value="">{t('import.notImported')}</option>
                  {preview.headers.map((h, i) => (
                    <option key={`${i}-${h}`} value={h}>
                      {h === '' ? t('import.unnamedColumn', { n: i + 1 }) : h}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted import-sample">{index >= 0 ? firstRow[index] : ''}</td>
            </tr>
          );
        })}
      </DataTable>
      <form className="import-save-mapping" onSubmit={(e) => void save(e)}>
        <label className="inline-field">
          <span>{t('import.saveMappingAs')}</span>
          <input
            className="input"
            value={name}
            maxLength={80}
            placeholder={t('import.mappingNamePlaceholder')}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="btn" disabled={saving || name.trim() === ''}>
          {t('import.saveMapping')}
        </button>
      </form>
    </section>
  );
}
