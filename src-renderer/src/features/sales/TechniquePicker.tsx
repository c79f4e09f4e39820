import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TechniqueRef as Technique } from '../../../../src-main/features/techniques/contract';
import { useApi } from '../../api/ApiProvider';
import { useNotify } from '../../ui/Notifications';

export interface TechniquePickerProps {
  /** The catalogue; a retired technique is offered only while it is already ticked. */
  techniques: readonly (Technique & { retired?: boolean })[];
  /** The group's name; "Techniques used" by default. */
  legend?: string;
  selected: readonly number[];
  onChange: (ids: number[]) => void;
}

/** Technique checkboxes, plus a box to name a new technique and tick it straight away. */
export function TechniquePicker({
  techniques: catalogue,
  legend,
  selected,
  onChange,
}: TechniquePickerProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const techniques = catalogue.filter((technique) => !technique.retired || selected.includes(technique.id));

  const toggle = (id: number): void =>
    onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);

  const add = async (): Promise<void> => {
    const trimmed = name.trim();
    if (!trimmed) return;
    const existing = catalogue.find((technique) => technique.name.toLowerCase() === trimmed.toLowerCase());
    if (existing) {
      if (!selected.includes(existing.id)) onChange([...selected, existing.id]);
      setName('');
      return;
    }
    setAdding(true);
    try {
      const created = await api.call('techniques.create', { name: trimmed });
      onChange([...selected, created.id]);
      setName('');
    } catch (error) {
      notify.error('saleForm.techniqueFailed', error);
    } finally {
      setAdding(false);
    }
  };

  return (
    <fieldset className="field fieldset">
      <legend className="field-label">
        {legend ?? t('saleForm.techniques')}
        <span className="field-optional">{t('common.optional')}</span>
      </legend>
      {techniques.length > 0 && (
        <div className="chips">
          {techniques.map((technique) => (
            <label key={technique.id} className="chip-check">
              <input type="checkbox" checked={selected.includes(technique.id)} onChange={() => toggle(technique.id)} />
              <span>{technique.name}</span>
            </label>
          ))}
        </div>
      )}
      <div className="inline-add">
        <input
          className="input"
          type="text"
          value={name}
          aria-label={t('saleForm.newTechnique')}
          placeholder={t('saleForm.newTechniquePlaceholder')}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void add();
            }
          }}
        />
        <button type="button" className="btn" onClick={() => void add()} disabled={adding || name.trim() === ''}>
          {t('saleForm.addTechnique')}
        </button>
      </div>
    </fieldset>
  );
}
