import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { TECHNIQUE_CATEGORIES, type Technique } from '../../../../src-main/features/techniques/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { Menu } from '../care/Menu';
import { JournalArea } from '../journal/JournalArea';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import { QueryView } from '../../ui/QueryView';
import { MergeDialog } from './MergeDialog';
import { StarterDialog } from './StarterDialog';
import { TechniqueDialog } from './TechniqueDialog';

type Open =
  { kind: 'edit'; technique: Technique | null } | { kind: 'merge'; technique: Technique } | { kind: 'starter' };

/** The technique catalogue by category, retired ones apart; `?focus=<id>` brings one into view. */
export function TechniquesPage(): ReactElement {
  const { t } = useTranslation();
  const techniques = useQuery('techniques.list', {}, ['techniques', 'sales', 'journal']);
  const [open, setOpen] = useState<Open | null>(null);
  const close = (): void => setOpen(null);
  const [params] = useSearchParams();
  const focus = Number(params.get('focus')) || null;

  const actions = (
    <>
      <button type="button" className="btn" onClick={() => setOpen({ kind: 'starter' })}>
        <Icon name="sparkle" />
        {t('techniques.ui.addStarter')}
      </button>
      <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'edit', technique: null })}>
        <Icon name="plus" />
        {t('techniques.ui.new')}
      </button>
    </>
  );

  return (
    <JournalArea subtitle={t('techniques.ui.subtitle')} actions={actions}>
      <QueryView query={techniques} failedTitle={t('techniques.ui.loadFailed')}>
        {(all) =>
          all.length === 0 ? (
            <EmptyState icon="sparkle" title={t('techniques.ui.emptyTitle')} text={t('techniques.ui.emptyText')}>
              <button type="button" className="btn btn-primary" onClick={() => setOpen({ kind: 'starter' })}>
                <Icon name="sparkle" />
                {t('techniques.ui.addStarter')}
              </button>
              <button type="button" className="btn" onClick={() => setOpen({ kind: 'edit', technique: null })}>
                {t('techniques.ui.new')}
              </button>
            </EmptyState>
          ) : (
            <Catalogue
              techniques={all}
              focus={focus}
              onEdit={(technique) => setOpen({ kind: 'edit', technique })}
              onMerge={(technique) => setOpen({ kind: 'merge', technique })}
            />
          )
        }
      </QueryView>
      {open?.kind === 'edit' && <TechniqueDialog technique={open.technique} onClose={close} />}
      {open?.kind === 'merge' && (
        <MergeDialog technique={open.technique} techniques={techniques.data ?? []} onClose={close} />
      )}
      {open?.kind === 'starter' && <StarterDialog onClose={close} />}
    </JournalArea>
  );
}

function Catalogue({
  techniques,
  focus,
  onEdit,
  onMerge,
}: {
  techniques: readonly Technique[];
  focus: number | null;
  onEdit: (technique: Technique) => void;
  onMerge: (technique: Technique) => void;
}): ReactElement {
  const { t } = useTranslation();
  const active = techniques.filter((technique) => !technique.retired);
  const retired = techniques.filter((technique) => technique.retired);
  const groups = TECHNIQUE_CATEGORIES.map((category) => ({
    category,
    items: active.filter((technique) => technique.category === category),
  })).filter((group) => group.items.length > 0);

  useEffect(() => {
    if (focus === null) return;
    // Focus scrolls it into view, and a screen reader reads where the search led.
    document.getElementById(`technique-${focus}`)?.focus();
  }, [focus, techniques]);

  const cards = (items: readonly Technique[]): ReactElement => (
    <ul className="technique-grid">
      {items.map((technique) => (
        <li key={technique.id}>
          <TechniqueCard
            technique={technique}
            focused={technique.id === focus}
            canMerge={techniques.length > 1}
            onEdit={() => onEdit(technique)}
            onMerge={() => onMerge(technique)}
          />
        </li>
      ))}
    </ul>
  );

  return (
    <>
      {groups.map(({ category, items }) => (
        <section key={category} className="section" aria-labelledby={`technique-category-${category}`}>
          <h2 id={`technique-category-${category}`} className="technique-category">
            {t(`techniques.categories.${category}`)}
            <span className="count-badge">{items.length}</span>
          </h2>
          {cards(items)}
        </section>
      ))}
      {retired.length > 0 && (
        <section className="section technique-retired" aria-labelledby="technique-retired">
          <h2 id="technique-retired" className="technique-category">
            {t('techniques.ui.retiredTitle')}
            <span className="count-badge">{retired.length}</span>
          </h2>
          <p className="muted">{t('techniques.ui.retiredText')}</p>
          {cards(retired)}
        </section>
      )}
    </>
  );
}

function TechniqueCard({
  technique,
  focused,
  canMerge,
  onEdit,
  onMerge,
}: {
  technique: Technique;
  focused: boolean;
  canMerge: boolean;
  onEdit: () => void;
  onMerge: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const headingId = `technique-${technique.id}-name`;

  const setRetired = async (retired: boolean): Promise<void> => {
    try {
      await api.call('techniques.retire', { id: technique.id, retired });
      notify.success(retired ? 'techniques.ui.retiredDone' : 'techniques.ui.restoredDone', { name: technique.name });
    } catch (error) {
      notify.error('techniques.ui.retireFailed', error);
    }
  };

  return (
    <article
      id={`technique-${technique.id}`}
      className={`card technique-card${focused ? ' technique-focused' : ''}`}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header className="technique-head">
        <h3 id={headingId}>{technique.name}</h3>
        {technique.retired && <span className="badge badge-muted">{t('techniques.ui.retiredBadge')}</span>}
        <Menu
          className="btn btn-ghost btn-icon btn-compact"
          label={t('techniques.ui.actions', { name: technique.name })}
          items={[
            { label: t('techniques.ui.edit'), onSelect: onEdit },
            ...(canMerge ? [{ label: t('techniques.ui.merge'), onSelect: onMerge }] : []),
            technique.retired
              ? { label: t('techniques.ui.restore'), onSelect: () => void setRetired(false) }
              : { label: t('techniques.ui.retire'), onSelect: () => void setRetired(true) },
          ]}
        >
          <Icon name="more" />
        </Menu>
      </header>
      {technique.description && <p className="technique-description">{technique.description}</p>}
      {technique.steps.length > 0 && (
        <ol className="technique-steps" aria-label={t('techniques.ui.steps')}>
          {technique.steps.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </ol>
      )}
      <footer className="technique-foot">
        <span>
          {t('techniques.ui.salesCount', { count: technique.sales, formatted: format.number(technique.sales) })}
          {' · '}
          {t('techniques.ui.entriesCount', { count: technique.entries, formatted: format.number(technique.entries) })}
        </span>
        {technique.source && <span>{t('techniques.ui.sourceIs', { source: technique.source })}</span>}
        {technique.mergedFrom.length > 0 && (
          <span>{t('techniques.ui.mergedFrom', { names: technique.mergedFrom.join(', ') })}</span>
        )}
      </footer>
    </article>
  );
}
