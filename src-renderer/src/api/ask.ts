/**
 * Asks for what an effect shows and returns the effect's cleanup. Once the cleanup runs (the
 * input changed, the dialog closed, the screen went away) the request is cancelled, so a read
 * still waiting for the database is not run at all (ApiClient.call's signal), and its answer or
 * failure, should one still come, is dropped: only the effect's current request is ever shown.
 *
 *   useEffect(() => ask((signal) => api.call('search.query', input, { signal }), show, fail), [input]);
 */
export function ask<T>(
  request: (signal: AbortSignal) => Promise<T>,
  answered: (value: T) => void,
  failed: (error: unknown) => void = () => undefined,
): () => void {
  const controller = new AbortController();
  request(controller.signal).then(
    (value) => {
      if (!controller.signal.aborted) answered(value);
    },
    (error: unknown) => {
      if (!controller.signal.aborted) failed(error);
    },
  );
  return () => controller.abort();
}
