import { useEffect, useEffectEvent, useId, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerSummary } from '../../../../src-main/features/customers/contract';
import { ask } from '../../api/ask';
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
  /** The chosen customer, or (in the sale form) the new one typed there, named but without an id yet. */
  value: Pick<CustomerRef, 'name'> | null;
  onChange: (customer: CustomerRef | null) => void;
  /** Offers "Create customer “…”" for the typed name when given. */
  onCreate?: (name: string) => void;
  placeholder?: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** What tells two customers of one name apart in the list: their company, else email, else region. */
const detailOf = (customer: CustomerSummary): string | null => customer.company ?? customer.email ?? customer.region;

/**
 * A searchable combobox over `customers.list`, asking only for the few matches it shows. Enter
 * acts on the answer to the text in the box: pressed before that answer is in (a fast typist, a
 * paste), it waits for it rather than pick from the list of an earlier search.
 */
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
  /** The text Enter was pressed on while its search had not answered yet. */
  const [enterOn, setEnterOn] = useState<string | null>(null);
  const typed = text.trim();
  const settled = useDebounced(typed, 200);
  // A waiting Enter needs no pause in the typing: it asks at once.
  const search = enterOn === typed ? typed : settled;
  const options = found?.items ?? [];

  const offersCreate = (items: readonly CustomerSummary[]): boolean =>
    Boolean(onCreate) && typed !== '' && !items.some((o) => o.name.toLowerCase() === typed.toLowerCase());
  const canCreate = offersCreate(options);
  const count = options.length + (canCreate ? 1 : 0);

  const close = (): void => {
    setOpen(false);
    setEnterOn(null);
  };

  const choose = (index: number, items: readonly CustomerSummary[]): void => {
    const option = items[index];
    close();
    if (option) {
      onChange({ id: option.id, name: option.name });
    } else if (offersCreate(items) && onCreate) {
      onCreate(typed);
    }
  };

  // The answer a waiting Enter was for: act on it now.
  const answered = useEffectEvent((answer: string, items: readonly CustomerSummary[] | null) => {
    if (enterOn === null || enterOn !== answer) return;
    setEnterOn(null);
    if (items) choose(active, items);
  });

  useEffect(() => {
    if (!open) return;
    return ask(
      (signal) => api.call('customers.list', { search: search || undefined, limit: MAX_OPTIONS }, { signal }),
      (page) => {
        setFound({ search, items: page.items });
        answered(search, page.items);
      },
      () => {
        setFound({ search, items: [] });
        answered(search, null);
      },
    );
  }, [api, open, search]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (count > 0) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
    } else if (event.key === 'Enter' && open && found?.search !== typed) {
      // The list shown answers an earlier text: wait for the answer to this one.
      event.preventDefault();
      setEnterOn(typed);
    } else if (event.key === 'Enter' && open && count > 0) {
      event.preventDefault();
      choose(active, options);
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
            setEnterOn(null);
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
                choose(index, options);
              }}
            >
              <span className="option-text">
                <span>{option.name}</span>
                {detailOf(option) && <span className="option-meta">{detailOf(option)}</span>}
              </span>
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
                choose(options.length, options);
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
