import { useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError } from '../api/client';
import { useMessage } from '../i18n/messages';
import { issueErrors, type FieldErrors, type Validation } from '../ui/errors';

/** What the form element shows of its save cycle (ValidatedForm, FormDialog). */
export interface FormState {
  /** The form element, to focus its first invalid control after a refused save. */
  element: RefObject<HTMLFormElement | null>;
  saving: boolean;
  /**
   * The values differ from those the form opened with (or last saved): closing it, or leaving
   * the page it is on, asks before the changes are thrown away.
   */
  dirty: boolean;
  /** The failed save, with the backend's messages that belong to no field of the form. */
  failure: { error: unknown; extra: string[] } | null;
}

export interface Form<I> extends FormState {
  /** The translated error of a field (by the schema's dotted path), once a save was tried. */
  error(path: string): string | undefined;
  /** The first error at `path` or inside it (a list's own error, else one of its items'). */
  errorIn(path: string): string | undefined;
  submit(send: (input: I) => Promise<void>): Promise<void>;
}

/**
 * The save cycle of every form in the app. Errors are a pure function of the values (the shared
 * schema runs on every render once the user has tried to save, so a fixed field clears at once),
 * plus what the backend refused last time, until the values change. After a refused save,
 * focus moves to the first field that needs the user. Dirty compares the values by content with
 * those of the first render, so typing something and deleting it again leaves the form clean.
 */
export function useForm<V, I>(
  values: V,
  validate: (values: V) => Validation<I>,
  {
    fields,
    prefix = '',
  }: {
    /** The paths the form shows next to a control; other refusals are listed above the form. */
    fields: readonly string[] | ((path: string) => boolean);
    /** The wrapper the operation puts around the form's fields (`sale.`), dropped from its refusals' paths. */
    prefix?: string;
  },
): Form<I> {
  const message = useMessage();
  const element = useRef<HTMLFormElement>(null);
  const owns = (path: string): boolean => (typeof fields === 'function' ? fields(path) : fields.includes(path));
  const [attempts, setAttempts] = useState(0);
  const [saving, setSaving] = useState(false);
  const [server, setServer] = useState<{ values: V; errors: FieldErrors } | null>(null);
  const [failure, setFailure] = useState<Form<I>['failure']>(null);
  const [saved, setSaved] = useState(values);

  useEffect(() => {
    if (attempts > 0) element.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const check = validate(values);
  const errors: FieldErrors =
    attempts === 0 ? {} : { ...(server?.values === values ? server.errors : {}), ...(check.ok ? {} : check.errors) };

  return {
    element,
    saving,
    dirty: JSON.stringify(values) !== JSON.stringify(saved),
    failure,
    error: (path) => (errors[path] === undefined ? undefined : message(errors[path])),
    errorIn(path) {
      const key = errors[path] ?? Object.entries(errors).find(([p]) => p.startsWith(`${path}.`))?.[1];
      return key === undefined ? undefined : message(key);
    },
    async submit(send) {
      setFailure(null);
      setAttempts((n) => n + 1);
      if (!check.ok) return;
      setSaving(true);
      try {
        await send(check.input);
        setSaved(values);
      } catch (error) {
        const refused = error instanceof ApiError ? issueErrors(error.issues, prefix) : {};
        const own = Object.fromEntries(Object.entries(refused).filter(([path]) => owns(path)));
        setServer({ values, errors: own });
        setFailure({
          error,
          extra: Object.entries(refused)
            .filter(([path]) => !owns(path))
            .map(([, key]) => message(key)),
        });
        setAttempts((n) => n + 1);
      } finally {
        setSaving(false);
      }
    },
  };
}
