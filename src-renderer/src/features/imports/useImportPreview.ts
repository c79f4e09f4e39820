import { useEffect, useState } from 'react';
import type { ImportKind, ImportOptions, ImportPreview } from '../../../../src-main/features/imports/contract';
import { ask } from '../../api/ask';
import { useApi } from '../../api/ApiProvider';

export interface PreviewState {
  preview: ImportPreview | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Reads the chosen file again whenever the kind or an option changes. Only the reply to the
 * newest request is kept, so a slow preview of the old mapping never replaces the new one;
 * the last good preview stays on screen while the next is read.
 */
export function useImportPreview(
  file: string | null,
  kind: ImportKind,
  options: ImportOptions,
  version: number,
): PreviewState {
  const api = useApi();
  // Imports, undos and edits elsewhere change what is a duplicate: read the file again.
  const [changes, setChanges] = useState(0);
  useEffect(
    () =>
      api.onDataChanged((entities) => {
        if (entities.includes('sales') || entities.includes('customers')) setChanges((n) => n + 1);
      }),
    [api],
  );
  const key = JSON.stringify({ file, kind, options, version, changes });
  const [state, setState] = useState<{ key: string; preview?: ImportPreview; error?: unknown }>({ key: '' });

  useEffect(() => {
    const request = JSON.parse(key) as { file: string | null; kind: ImportKind; options: ImportOptions };
    const path = request.file;
    if (path === null) return;
    return ask(
      (signal) => api.call('import.preview', { path, kind: request.kind, options: request.options }, { signal }),
      (preview) => setState({ key, preview }),
      (error) => setState((previous) => ({ key, preview: previous.preview, error })),
    );
  }, [api, key]);

  return {
    preview: file === null ? undefined : state.preview,
    error: state.key === key ? state.error : undefined,
    loading: file !== null && state.key !== key,
  };
}
