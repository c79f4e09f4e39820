import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LIBRARY_STATUSES, type LibraryItem, type LibraryStatus } from '../../../../src-main/features/library/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/useQuery';
import { useFormat } from '../../i18n/format';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { openExternalLink } from '../../ui/externalLink';
import { Select } from '../../ui/Field';
import { Icon } from '../../ui/icons';
import { Markdown } from '../../ui/markdown';
import { useNotify } from '../../ui/Notifications';
import { RecordPage } from '../../ui/RecordPage';
import { Highlights } from './Highlights';
import { ItemDialog } from './ItemDialog';
import { ItemProgress } from './ItemProgress';
import { Cover, Rating, useDuration } from './LibraryBits';
import { MediaPlayer } from './MediaPlayer';
import { Takeaways } from './Takeaways';

/** What an item's page is made of: asked again when any of these changes. */
const ITEM_SOURCES = ['library', 'techniques', 'goals'] as const;

/** One item of the library, whole: what it is, where it is, how far along, and what came of it. */
export function ItemPage(): ReactElement {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const item = useQuery('library.get', { id: valid ? id : 1 }, ITEM_SOURCES);
  return (
    <RecordPage
      query={item}
      valid={valid}
      notFound={{
        icon: 'book',
        title: t('library.ui.item.notFoundTitle'),
        text: t('library.ui.item.notFoundText'),
        back: '/library',
        backLabel: t('library.ui.item.back'),
      }}
      failedTitle={t('library.ui.item.loadFailed')}
    >
      {(data) => <ItemView item={data} />}
    </RecordPage>
  );
}

function ItemView({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const [open, setOpen] = useState<'edit' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const statusId = useId();

  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.call('library.delete', { id: item.id });
      notify.success('library.ui.item.deleted', { title: item.title });
      navigate('/library');
    } catch (error) {
      setBusy(false);
      setOpen(null);
      notify.error('library.ui.item.deleteFailed', error);
    }
  };

  // The desktop app hands the item's own file to the system's viewer (main checks which files may open).
  const openFile = async (): Promise<void> => {
    try {
      await api.call('library.open', { id: item.id });
    } catch (error) {
      notify.error('library.ui.item.openFailed', error);
    }
  };
  const openable =
    (item.source === 'stored' || item.source === 'linked') && item.fileName !== null && !item.fileMissing;

  const setStatus = async (status: LibraryStatus): Promise<void> => {
    try {
      await api.call('library.bulkEdit', { ids: [item.id], status });
    } catch (error) {
      notify.error('library.ui.item.statusFailed', error);
    }
  };

  return (
    <div className="page library-item">
      <nav className="breadcrumb" aria-label={t('library.ui.item.breadcrumb')}>
        <Link to="/library">{t('library.ui.title')}</Link>
        <Icon name="chevronRight" size={14} />
        <span aria-current="page">{item.title}</span>
      </nav>
      <header className="library-item-head">
        <Cover item={item} size="large" />
        <div className="library-item-heading">
          <p className="library-item-kind">{t(`library.kinds.${item.kind}`)}</p>
          <h1>{item.title}</h1>
          {item.titleGuessed && (
            <p className="library-guessed">
              <span className="badge badge-warning">{t('library.ui.item.guessed')}</span>
              <span className="muted">{t('library.ui.item.guessedText')}</span>
            </p>
          )}
          {item.people.length > 0 && (
            <ul className="library-people-list" aria-label={t('library.ui.fields.people')}>
              {item.people.map((person, index) => (
                <li key={`${person.name}-${index}`}>
                  <span className="library-person-name">{person.name}</span>
                  <span className="muted">{t(`library.ui.roles.${person.role}`)}</span>
                </li>
              ))}
            </ul>
          )}
          <div className="library-item-status">
            <label htmlFor={statusId} className="visually-hidden">
              {t('library.ui.fields.status')}
            </label>
            <Select<LibraryStatus>
              id={statusId}
              className="select-compact"
              value={item.status}
              onChange={(status) => void setStatus(status)}
              options={LIBRARY_STATUSES.map((status) => ({ value: status, label: t(`library.statuses.${status}`) }))}
            />
            {item.rating !== null && <Rating value={item.rating} />}
            {item.tags.length > 0 && (
              <ul className="tags" aria-label={t('library.ui.fields.tags')}>
                {item.tags.map((tag) => (
                  <li key={tag} className="tag">
                    {tag}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <div className="header-actions library-item-actions">
          <button type="button" className="btn btn-danger-ghost" onClick={() => setOpen('delete')}>
            <Icon name="trash" />
            {t('common.delete')}
          </button>
          <button type="button" className="btn" onClick={() => setOpen('edit')}>
            {t('common.edit')}
          </button>
          {openable && (
            <button type="button" className="btn btn-primary" onClick={() => void openFile()}>
              <Icon name="file" />
              {t('library.ui.item.open')}
            </button>
          )}
        </div>
      </header>

      {item.fileMissing && <MissingFile item={item} />}

      <div className="library-item-layout">
        <div className="library-item-main">
          {item.mediaUrl && <MediaPlayer key={item.id} item={item} />}
          {(item.summary || item.description) && (
            <section className="section" aria-labelledby="library-summary">
              <h2 id="library-summary">{t('library.ui.item.summary')}</h2>
              {item.summary ? (
                <Markdown source={item.summary} className="library-markdown selectable" />
              ) : (
                <p className="library-description selectable">{item.description}</p>
              )}
            </section>
          )}
          {(item.body.trim() !== '' || item.actions.length > 0) && <SeminarNotes item={item} />}
          <Highlights item={item} />
          <Takeaways item={item} />
        </div>
        <aside className="library-item-side" aria-label={t('library.ui.item.about')}>
          <ItemProgress item={item} />
          <ItemFacts item={item} />
          {item.contents.length > 0 && !item.mediaUrl && <Contents item={item} />}
          {item.techniques.length > 0 && (
            <section className="card library-side-card" aria-labelledby="library-techniques">
              <h2 id="library-techniques">{t('library.ui.item.techniques')}</h2>
              <ul className="library-link-list">
                {item.techniques.map((technique) => (
                  <li key={technique.id}>
                    <Link to={`/journal/techniques?focus=${technique.id}`}>{technique.name}</Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>

      {open === 'edit' && <ItemDialog item={item} onClose={() => setOpen(null)} />}
      {open === 'delete' && (
        <ConfirmDialog
          title={t('library.ui.item.deleteTitle')}
          message={
            item.source === 'stored'
              ? t('library.ui.item.deleteStored', { title: item.title })
              : t('library.ui.item.deleteText', { title: item.title })
          }
          confirmLabel={t('common.delete')}
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={() => setOpen(null)}
        />
      )}
    </div>
  );
}

/** A linked file that was not there when last looked for, and a way to look again. */
function MissingFile({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const [looking, setLooking] = useState(false);
  const look = async (): Promise<void> => {
    setLooking(true);
    try {
      const { missing, found } = await api.call('library.checkLinks', {});
      notify.success('library.ui.item.lookedAgain', { missing, found });
    } catch (error) {
      notify.error('library.ui.item.lookFailed', error);
    } finally {
      setLooking(false);
    }
  };
  return (
    <div className="notice notice-warning library-missing" role="status">
      <Icon name="alert" />
      <p>{t('library.ui.item.missingLong', { file: item.fileName ?? '' })}</p>
      <button type="button" className="btn btn-compact" onClick={() => void look()} disabled={looking}>
        <Icon name="refresh" />
        {t('library.ui.item.lookAgain')}
      </button>
    </div>
  );
}

/** What the item is and where it is, as label and value. */
function ItemFacts({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const facts: [string, ReactElement | string][] = [];
  const add = (label: string, value: ReactElement | string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== '') facts.push([label, value]);
  };
  add(t('library.ui.fields.year'), item.year === null ? null : String(item.year));
  add(item.kind === 'article' ? t('library.ui.fields.site') : t('library.ui.fields.publisher'), item.publisher);
  add(t('library.ui.fields.language'), item.language);
  add(t('library.ui.fields.isbn'), item.isbn13 ?? item.isbn10);
  add(
    t('library.ui.fields.pages'),
    item.pages === null
      ? null
      : t('library.ui.pagesCount', { count: item.pages, formatted: format.number(item.pages) }),
  );
  add(t('library.ui.fields.duration'), item.durationS === null ? null : duration(item.durationS));
  add(t('library.ui.fields.event'), item.event);
  add(t('library.ui.fields.heldOn'), item.heldOn && format.date(item.heldOn));
  add(t('library.ui.fields.source'), <SourceText item={item} />);
  add(t('library.ui.fields.startedOn'), item.startedOn && format.date(item.startedOn));
  add(t('library.ui.fields.finishedOn'), item.finishedOn && format.date(item.finishedOn));
  add(t('library.ui.fields.plannedOn'), item.plannedOn && format.date(item.plannedOn));
  add(t('library.ui.fields.added'), format.date(item.createdAt));
  return (
    <section className="card library-side-card" aria-labelledby="library-facts">
      <h2 id="library-facts">{t('library.ui.item.details')}</h2>
      <dl className="facts library-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="selectable">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function SourceText({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  switch (item.source) {
    case 'stored':
      return <span title={item.fileName ?? undefined}>{t('library.ui.sources.stored')}</span>;
    case 'linked':
      return (
        <span className="library-linked">
          <span>{t('library.ui.sources.linked')}</span>
          {item.fileName && <span className="muted library-file-name">{item.fileName}</span>}
          {item.fileMissing && <span className="badge badge-danger">{t('library.ui.item.missing')}</span>}
        </span>
      );
    case 'url':
      return item.url ? (
        <a
          href={item.url}
          className="library-url"
          onClick={(event) => {
            event.preventDefault();
            openExternalLink(item.url!);
          }}
        >
          {t('library.ui.sources.url')}
          <span className="visually-hidden"> ({item.url})</span>
        </a>
      ) : (
        <span>{t('library.ui.sources.url')}</span>
      );
    case 'physical':
      return <span>{t('library.ui.sources.physical')}</span>;
  }
}

/** The table of contents, indented by level, with the page when there is one. */
function Contents({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="card library-side-card" aria-labelledby="library-contents">
      <h2 id="library-contents">{t('library.ui.item.contents')}</h2>
      <ol className="library-contents">
        {item.contents.map((entry, index) => (
          <li key={index} className={`library-contents-level-${Math.min(entry.level, 3)}`}>
            <span>{entry.title}</span>
            {entry.page !== undefined && <span className="muted">{format.number(entry.page)}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A seminar's notes as written, and the action items they name, ticked off here. */
function SeminarNotes({ item }: { item: LibraryItem }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const format = useFormat();
  const tick = async (id: number, done: boolean): Promise<void> => {
    try {
      await api.call('library.actionSet', { id, done });
    } catch (error) {
      notify.error('library.ui.item.actionFailed', error);
    }
  };
  return (
    <section className="section" aria-labelledby="library-notes">
      <h2 id="library-notes">{t('library.ui.item.notes')}</h2>
      {item.actions.length > 0 && (
        <div className="card library-actions">
          <h3>{t('library.ui.item.actions')}</h3>
          <ul>
            {item.actions.map((action) => (
              <li key={action.id} className={action.done ? 'library-action-done' : undefined}>
                <label>
                  <input
                    type="checkbox"
                    checked={action.done}
                    onChange={(event) => void tick(action.id, event.target.checked)}
                  />
                  <span>{action.text}</span>
                </label>
                {action.dueOn && (
                  <span className="muted library-action-due">
                    {t('library.ui.item.dueOn', { date: format.date(action.dueOn) })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.body.trim() !== '' && <Markdown source={item.body} className="library-markdown selectable" />}
    </section>
  );
}
