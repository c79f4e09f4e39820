// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../src-main/shared/api';
import { ApiProvider } from '../../src-renderer/src/api/ApiProvider';
import { ApiError, type ApiClient } from '../../src-renderer/src/api/client';
import { useQuery } from '../../src-renderer/src/api/useQuery';

/**
 * useQuery cancels a request it no longer wants (issue 14): when its input changes, and when
 * its screen goes (unmount). The fake client answers each call only when the test says, and
 * rejects an aborted one as the real client does, with the code 'cancelled'.
 */

interface Asked {
  channel: Channel;
  input: unknown;
  signal: AbortSignal | undefined;
  answer: (value: unknown) => void;
}

function fakeClient() {
  const asked: Asked[] = [];
  const client = {
    call: (channel: Channel, input: unknown, options?: { signal?: AbortSignal }) =>
      new Promise((resolve, reject) => {
        const signal = options?.signal;
        asked.push({ channel, input, signal, answer: resolve });
        signal?.addEventListener('abort', () => reject(new ApiError('cancelled', 'failures.cancelled')));
      }),
    subscribe: () => () => undefined,
    onDataChanged: () => () => undefined,
  } as unknown as ApiClient;
  const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider client={client}>{children}</ApiProvider>;
  return { asked, wrapper };
}

describe('useQuery cancels what it no longer needs', () => {
  it('going away (unmount) aborts the request under way', () => {
    const { asked, wrapper } = fakeClient();
    const { unmount } = renderHook(() => useQuery('customers.list', { search: 'ada' }, ['customers']), { wrapper });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.signal?.aborted).toBe(false);
    unmount();
    expect(asked[0]!.signal?.aborted).toBe(true);
  });

  it('a new input aborts the request for the old one; the cancel is never shown as an error', async () => {
    const { asked, wrapper } = fakeClient();
    const { result, rerender } = renderHook(({ search }) => useQuery('customers.list', { search }, ['customers']), {
      wrapper,
      initialProps: { search: 'ad' },
    });
    rerender({ search: 'ada' });
    expect(asked.map((call) => call.input)).toEqual([{ search: 'ad' }, { search: 'ada' }]);
    expect(asked.map((call) => call.signal?.aborted)).toEqual([true, false]);

    const page = { items: [], total: 0 };
    await act(async () => asked[1]!.answer(page));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.data).toBe(page);
    expect(result.current.error).toBeUndefined();
    // The old request's late answer (a read already under way) is dropped too.
    await act(async () => asked[0]!.answer({ items: [{ id: 1 }], total: 1 }));
    expect(result.current.data).toBe(page);
  });

  it('the request it keeps is not aborted, and a real error is still shown', async () => {
    const { asked, wrapper } = fakeClient();
    const { result } = renderHook(() => useQuery('customers.list', {}, ['customers']), { wrapper });
    const failing = asked[0]!;
    expect(failing.signal?.aborted).toBe(false);
    const error = new ApiError('internal', 'failures.backendStopped');
    await act(async () => failing.answer(Promise.reject(error)));
    await waitFor(() => expect(result.current.error).toBe(error));
    expect(failing.signal?.aborted).toBe(false);
  });
});
