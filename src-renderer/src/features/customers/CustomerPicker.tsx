import { useEffect, useId, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../../src-main/features/customers/contract';
import { useApi } from '../../api/ApiProvider';
import { useDebounced } from '../../hooks/useDebounced';
import { Icon } from '../../ui/icons';

const MAX_OPTIONS = 8;

/** A customer as the picker holds it: enough to name them and send their id. */
export interface CustomerRef {
  id: number;
  name: string;
}

export interface CustomerPickerProps {
  id: string;
  value: CustomerRef | null;
  onChange: (customer: CustomerRef | null) => void;
  /** Offers "Create customer “…”" for the typed name when given. */
  onCreate?: (name: string) => void;
  placeholder?: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A searchable combobox over `customers.list`, asking only for the few matches it shows. */
export function CustomerPicker({
  id,
  value,
  onChange,
  onCreate,
  placeholder,
  ...aria
}: CustomerPickerProps): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const listId = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [found, setFound] = useState<{ search: string; items: CustomerSummary[] } | null>(null);
  const search = useDebounced(text.trim(), 200);
  const options = found?.items ?? [];

  useEffect(() => {
    if (!open) return;
    let current = true;
    api.call('customers.list', { search: search || undefined, limit: MAX_OPTIONS }).then(
      (page) => {
        if (current) setFound({ search, items: page.items });
      },
      () => {
        if (current) setFound({ search, items: [] });
      },
    );
    return () => {
      current = false;
    };
  }, [api, open, search]);

  const typed = text.trim();
  const canCreate =
    Boolean(onCreate) && typed !== '' && !options.some((o) => o.name.toLowerCase() === typed.toLowerCase());
  const count = options.length + (canCreate ? 1 : 0);

  const close = (): void => setOpen(false);

  const choose = (index: number): void => {
    const option = options[index];
    setOpen(false);
    if (option) {
      onChange({ id: option.id, name: option.name });
    } else if (canCreate && onCreate) {
      onCreate(typed);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (count > 0) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' && open && count > 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape' && open) {
      // Close the list only; the dialog around us stays open.
      event.stopPropagation();
      close();
    }
  };

  const optionId = (index: number): string => `${listId}-${index}`;

  return (
    <div className="combobox">
      <div className="input-with-icon">
        <Icon name="search" />
        <input
          id={id}
          className="input"
          type="text"
          role="combobox"
          autoComplete="off"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && count > 0 ? optionId(active) : undefined}
          placeholder={placeholder}
          // Closed, the box shows the chosen customer; open, what is being typed.
          value={open ? text : (value?.name ?? '')}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
            setOpen(true);
            if (event.target.value === '' && value) onChange(null);
          }}
          onFocus={() => {
            setText(value?.name ?? '');
            setOpen(true);
          }}
          onBlur={close}
          onKeyDown={onKeyDown}
          {...aria}
        />
        {value && (
          <button
            type="button"
            className="btn btn-ghost btn-icon input-clear"
            aria-label={t('customerPicker.clear')}
            onClick={() => {
              setText('');
              onChange(null);
            }}
          >
            <Icon name="close" size={14} />
          </button>
        )}
      </div>
      {open && count === 0 && found?.search === search && (
        <div id={listId} className="listbox listbox-empty" role="status">
          {t('customerPicker.none')}
        </div>
      )}
      {open && count > 0 && (
        <ul id={listId} role="listbox" className="listbox" aria-label={t('customerPicker.results')}>
          {options.map((option, index) => (
            <li
              key={option.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="option"
              // mousedown, not click: it lands before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(index);
              }}
            >
              <span>{option.name}</span>
              {option.company && <span className="option-meta">{option.company}</span>}
            </li>
          ))}
          {canCreate && (
            <li
              id={optionId(options.length)}
              role="option"
              aria-selected={active === options.length}
              className="option option-create"
              onMouseDown={(event) => {
                event.preventDefault();
                choose(options.length);
              }}
            >
              <Icon name="plus" size={14} />
              <span>{t('customerPicker.create', { name: typed })}</span>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
