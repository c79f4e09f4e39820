import { useId, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  LIBRARY_KINDS,
  LIBRARY_STATUSES,
  PERSON_ROLES,
  type LibraryItem,
  type LibraryKind,
  type PersonRole,
} from '../../../../src-main/features/library/contract';
import type { Language } from '../../../../src-main/shared/domain';
import { useApi } from '../../api/ApiProvider';
import { useForm } from '../../hooks/useForm';
import { isLanguage } from '../../i18n';
import { DateField, NumberField, SegmentedField, SelectField, TextAreaField, TextField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { Icon } from '../../ui/icons';
import { useNotify } from '../../ui/Notifications';
import {
  emptyItemForm,
  formFromItem,
  isItemField,
  isMediaKind,
  validateItem,
  type ItemFormValues,
  type PersonRow,
} from './libraryModel';

const firstRole = (kind: LibraryKind): PersonRole =>
  kind === 'seminar' ? 'speaker' : kind === 'audio' ? 'host' : 'author';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

/**
 * Adds an item by hand (a copy on the shelf, or a web page when it has an address), or edits
 * any item. The fields follow the kind: pages for what is read, a length for what is played, the
 * event and day for a seminar. Escape or Cancel on a changed form asks first.
 */
export function ItemDialog({ item, onClose }: { item: LibraryItem | null; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const language = useLanguage();
  const [values, setValues] = useState<ItemFormValues>(() => (item ? formFromItem(item, language) : emptyItemForm()));
  const form = useForm(values, (v) => validateItem(v, language), { fields: isItemField });
  const change = (patch: Partial<ItemFormValues>): void => setValues((v) => ({ ...v, ...patch }));
  const optional = t('common.optional');
  const media = isMediaKind(values.kind);
  const seminar = values.kind === 'seminar';

  const save = (): Promise<void> =>
    form.submit(async (input) => {
      const saved = item
        ? await api.call('library.update', { ...input, id: item.id })
        : await api.call('library.create', input);
      notify.success(item ? 'library.ui.form.updated' : 'library.ui.form.created', { title: saved.title });
      onClose();
      if (!item) navigate(`/library/${saved.id}`);
    });

  return (
    <FormDialog
      title={item ? t('library.ui.form.editTitle') : t('library.ui.form.newTitle')}
      description={item ? undefined : t('library.ui.form.newText')}
      variant="wide"
      onClose={onClose}
      onSubmit={() => void save()}
      submitLabel={item ? t('common.save') : t('library.ui.form.create')}
      form={form}
      failureTitle={t('library.ui.form.saveFailed')}
    >
      <div className="form-row">
        <TextField
          label={t('library.ui.fields.title')}
          error={form.error('title')}
          value={values.title}
          onChange={(title) => change({ title })}
          autoFocus
        />
        <SelectField<LibraryKind>
          label={t('library.ui.fields.kind')}
          error={form.error('kind')}
          value={values.kind}
          onChange={(kind) =>
            change({
              kind,
              // Nobody named yet: the first person's role follows the kind (a seminar's speaker, a podcast's host).
              ...(values.people.every((person) => person.name.trim() === '') && {
                people: [{ name: '', role: firstRole(kind) }],
              }),
            })
          }
          options={LIBRARY_KINDS.map((kind) => ({ value: kind, label: t(`library.kinds.${kind}`) }))}
        />
      </div>
      <PeopleEditor
        people={values.people}
        defaultRole={firstRole(values.kind)}
        error={(index, field) => form.error(`people.${index}.${field}`)}
        onChange={(people) => change({ people })}
      />
      <div className="form-row form-row-3">
        <TextField
          label={values.kind === 'article' ? t('library.ui.fields.site') : t('library.ui.fields.publisher')}
          optional={optional}
          error={form.error('publisher')}
          value={values.publisher}
          onChange={(publisher) => change({ publisher })}
        />
        <NumberField
          label={t('library.ui.fields.year')}
          optional={optional}
          error={form.error('year')}
          value={values.year}
          onChange={(year) => change({ year })}
        />
        <TextField
          label={t('library.ui.fields.language')}
          optional={optional}
          hint={t('library.ui.form.languageHint')}
          error={form.error('language')}
          value={values.language}
          onChange={(language) => change({ language })}
        />
      </div>
      <div className="form-row">
        {!media && (
          <TextField
            label={t('library.ui.fields.isbn')}
            optional={optional}
            error={form.error('isbn')}
            value={values.isbn}
            onChange={(isbn) => change({ isbn })}
          />
        )}
        {media ? (
          <TextField
            label={t('library.ui.fields.duration')}
            optional={optional}
            hint={t('library.ui.form.durationHint')}
            error={form.error('durationS')}
            value={values.duration}
            onChange={(duration) => change({ duration })}
          />
        ) : (
          <NumberField
            label={t('library.ui.fields.pages')}
            optional={optional}
            error={form.error('pages')}
            value={values.pages}
            onChange={(pages) => change({ pages })}
          />
        )}
      </div>
      <TextField
        label={t('library.ui.fields.url')}
        optional={optional}
        hint={item ? undefined : t('library.ui.form.urlHint')}
        error={form.error('url')}
        value={values.url}
        placeholder="https://"
        onChange={(url) => change({ url })}
      />
      {seminar && (
        <div className="form-row">
          <TextField
            label={t('library.ui.fields.event')}
            optional={optional}
            error={form.error('event')}
            value={values.event}
            onChange={(event) => change({ event })}
          />
          <DateField
            label={t('library.ui.fields.heldOn')}
            optional={optional}
            error={form.error('heldOn')}
            value={values.heldOn}
            onChange={(heldOn) => change({ heldOn })}
          />
        </div>
      )}
      <div className="form-row">
        <SelectField
          label={t('library.ui.fields.status')}
          error={form.error('status')}
          value={values.status}
          onChange={(status) => change({ status })}
          options={LIBRARY_STATUSES.map((status) => ({ value: status, label: t(`library.statuses.${status}`) }))}
        />
        <SegmentedField<number | null>
          legend={t('library.ui.fields.rating')}
          optional={optional}
          error={form.error('rating')}
          value={values.rating}
          onChange={(rating) => change({ rating })}
          options={[
            ...[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) })),
            { value: null, label: t('library.ui.form.noRating') },
          ]}
        />
      </div>
      <div className="form-row form-row-3">
        <DateField
          label={t('library.ui.fields.startedOn')}
          optional={optional}
          error={form.error('startedOn')}
          value={values.startedOn}
          onChange={(startedOn) => change({ startedOn })}
        />
        <DateField
          label={t('library.ui.fields.finishedOn')}
          optional={optional}
          error={form.error('finishedOn')}
          value={values.finishedOn}
          onChange={(finishedOn) => change({ finishedOn })}
        />
        <DateField
          label={t('library.ui.fields.plannedOn')}
          optional={optional}
          hint={t('library.ui.form.plannedHint')}
          error={form.error('plannedOn')}
          value={values.plannedOn}
          onChange={(plannedOn) => change({ plannedOn })}
        />
      </div>
      {!media && (
        <div className="form-row">
          <NumberField
            label={t('library.ui.fields.progressPage')}
            optional={optional}
            error={form.error('progressPage')}
            value={values.progressPage}
            onChange={(progressPage) => change({ progressPage })}
          />
          <NumberField
            label={t('library.ui.fields.progressPercent')}
            optional={optional}
            unit="%"
            error={form.error('progressPercent')}
            value={values.progressPercent}
            onChange={(progressPercent) => change({ progressPercent })}
          />
        </div>
      )}
      <TextField
        label={t('library.ui.fields.tags')}
        optional={optional}
        hint={t('library.ui.form.tagsHint')}
        error={form.errorIn('tags')}
        value={values.tags}
        onChange={(tags) => change({ tags })}
      />
      <TextAreaField
        label={t('library.ui.fields.summary')}
        optional={optional}
        hint={t('library.ui.form.markdownHint')}
        rows={4}
        error={form.error('summary')}
        value={values.summary}
        onChange={(summary) => change({ summary })}
      />
      {(seminar || values.body !== '') && (
        <TextAreaField
          label={t('library.ui.fields.body')}
          optional={optional}
          hint={t('library.ui.form.bodyHint')}
          rows={8}
          error={form.error('body')}
          value={values.body}
          onChange={(body) => change({ body })}
        />
      )}
    </FormDialog>
  );
}

/** Who made the item, one row each: a name and a role; blank rows are left out when saving. */
function PeopleEditor({
  people,
  defaultRole,
  error,
  onChange,
}: {
  people: PersonRow[];
  defaultRole: PersonRole;
  error: (index: number, field: 'name' | 'role') => string | undefined;
  onChange: (people: PersonRow[]) => void;
}): ReactElement {
  const { t } = useTranslation();
  const legendId = useId();
  const set = (index: number, patch: Partial<PersonRow>): void =>
    onChange(people.map((person, i) => (i === index ? { ...person, ...patch } : person)));
  return (
    <fieldset className="field fieldset library-people" aria-labelledby={legendId}>
      <legend id={legendId} className="field-label">
        {t('library.ui.fields.people')}
        <span className="field-optional">{t('common.optional')}</span>
      </legend>
      {people.map((person, index) => (
        <div key={index} className="library-person">
          <TextField
            label={t('library.ui.form.personName', { n: index + 1 })}
            error={error(index, 'name')}
            value={person.name}
            onChange={(name) => set(index, { name })}
          />
          <SelectField<PersonRole>
            label={t('library.ui.form.personRole')}
            error={error(index, 'role')}
            value={person.role}
            onChange={(role) => set(index, { role })}
            options={PERSON_ROLES.map((role) => ({ value: role, label: t(`library.ui.roles.${role}`) }))}
          />
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label={t('library.ui.form.removePerson', { name: person.name || String(index + 1) })}
            onClick={() => onChange(people.filter((_, i) => i !== index))}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-compact library-add-person"
        onClick={() => onChange([...people, { name: '', role: people.length === 0 ? defaultRole : 'author' }])}
      >
        <Icon name="plus" />
        {t('library.ui.form.addPerson')}
      </button>
    </fieldset>
  );
}
