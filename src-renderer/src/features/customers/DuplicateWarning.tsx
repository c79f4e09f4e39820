import { useEffect, useState, type ReactElement } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateHint } from '../../../../src-main/features/customers/contract';
import { ask } from '../../api/ask';
import { useApi } from '../../api/ApiProvider';
import { useDebounced } from '../../hooks/useDebounced';
import { Icon } from '../../ui/icons';

export interface DuplicateWarningProps {
  name: string;
  email: string;
  excludeId?: number;
  onFollow: () => void;
}

/**
 * The customers already in the book with this name or email, asked while they are typed. Until
 * the next answer arrives the last one stays, so a warning built on it doesn't flicker.
 */
export function useDuplicateHints(name: string, email: string, excludeId?: number): DuplicateHint[] {
  const api = useApi();
  const probe = useDebounced(JSON.stringify({ name: name.trim(), email: email.trim() }), 350);
  const [found, setFound] = useState<DuplicateHint[]>([]);
  const worthAsking = name.trim().length >= 2 || email.includes('@');

  useEffect(() => {
    const { name: n, email: e } = JSON.parse(probe) as { name: string; email: string };
    if (n.length < 2 && !e.includes('@')) return;
    // A failed hint is no reason to bother someone who is filling a form: it is dropped.
    return ask(
      (signal) => api.call('customers.duplicates', { name: n, email: e === '' ? null : e, excludeId }, { signal }),
      setFound,
    );
  }, [api, probe, excludeId]);

  return worthAsking ? found : [];
}

/**
 * While a name or email is typed, asks whether such a customer already exists. It only warns:
 * two people may well share a name.
 */
export function DuplicateWarning({ name, email, excludeId, onFollow }: DuplicateWarningProps): ReactElement | null {
  const { t } = useTranslation();
  const hints = useDuplicateHints(name, email, excludeId);
  if (hints.length === 0) return null;
  return (
    <div className="notice notice-warning" role="status">
      <Icon name="alert" />
      <ul>
        {hints.map((hint) => (
          <li key={hint.id}>
            <Trans
              i18nKey="customerForm.duplicate"
              values={{ name: hint.name, reason: t(`customerForm.duplicateReason.${hint.reason}`) }}
              components={{ customer: <Link to={`/customers/${hint.id}`} onClick={onFollow} /> }}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
