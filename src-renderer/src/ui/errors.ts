import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { FieldIssue } from '../../../src-main/shared/api';
import { ApiError } from '../api/client';

/** Why a call failed, in the user's words: the kind of failure, plus the backend's detail if any. */
export function useDescribeError(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) return t(`apiErrors.${error.code}`);
      return t('apiErrors.internal');
    },
    [t],
  );
}

/**
 * The backend's own words on a failure, or null: its message is a catalogue key with values
 * ('failures.fileExists') worded in the user's language, or (from older checks) plain text.
 */
export function useErrorDetail(): (error: unknown) => string | null {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || !error.message) return null;
      // With its values, so a plural key (`…_one`, `…_other`) is found by its count.
      return i18n.exists(error.message, error.values) ? t(error.message, error.values) : error.message;
    },
    [t, i18n],
  );
}

/** Field errors of a form: message keys by the schema's dotted path (`maxDays`, `products.1.productId`). */
export type FieldErrors = Record<string, string>;

/** A form's values checked: the input to send, or what is wrong with them. */
export type Validation<I> = { ok: true; input: I } | { ok: false; errors: FieldErrors };

/**
 * The backend's issues keyed by path, the first message of each. `prefix` drops the wrapper an
 * operation puts around the form's fields (`sale.` for a sale update, `rules.` for contact rules).
 */
export function issueErrors(issues: readonly FieldIssue[], prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = prefix && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
    errors[path] ??= issue.message;
  }
  return errors;
}

/** The first message for each path of a zod result, keyed as the backend's issues are. */
export function schemaErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  return issueErrors(issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
}

/** A shared schema's verdict on a form as a Validation. */
export function validation<I>(result: z.ZodSafeParseResult<I>): Validation<I> {
  return result.success ? { ok: true, input: result.data } : { ok: false, errors: schemaErrors(result.error.issues) };
}
