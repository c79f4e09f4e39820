import { describe, expect, it } from 'vitest';
import { ask } from '../../src-renderer/src/api/ask';

/** A request the test answers, or fails, when it says; it sees the signal it was given. */
function pending<T>() {
  let answer!: (value: T) => void;
  let fail!: (error: unknown) => void;
  let signal!: AbortSignal;
  const request = (given: AbortSignal): Promise<T> => {
    signal = given;
    return new Promise<T>((resolve, reject) => {
      answer = resolve;
      fail = reject;
    });
  };
  return { request, answer: (v: T) => answer(v), fail: (e: unknown) => fail(e), signal: () => signal };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ask: an effect’s request, cancelled by its cleanup', () => {
  it('hands the answer on while the effect is current, and never aborts it', async () => {
    const call = pending<string>();
    const answers: string[] = [];
    ask(call.request, (value) => answers.push(value));
    call.answer('found');
    await turn();
    expect(answers).toEqual(['found']);
    expect(call.signal().aborted).toBe(false);
  });

  it('hands a failure on while the effect is current', async () => {
    const call = pending<string>();
    const failures: unknown[] = [];
    ask(
      call.request,
      () => undefined,
      (error) => failures.push(error),
    );
    const error = new Error('disk error');
    call.fail(error);
    await turn();
    expect(failures).toEqual([error]);
  });

  it('the cleanup aborts the request, and drops its late answer or failure', async () => {
    const answered = pending<string>();
    const failed = pending<string>();
    const seen: unknown[] = [];
    const stopAnswered = ask(
      answered.request,
      (v) => seen.push(v),
      (e) => seen.push(e),
    );
    const stopFailed = ask(
      failed.request,
      (v) => seen.push(v),
      (e) => seen.push(e),
    );
    stopAnswered();
    stopFailed();
    expect(answered.signal().aborted).toBe(true);
    expect(failed.signal().aborted).toBe(true);
    answered.answer('too late');
    failed.fail(new Error('cancelled'));
    await turn();
    expect(seen).toEqual([]);
  });

  it('a failure not handled is dropped, not thrown (no unhandled rejection)', async () => {
    const call = pending<string>();
    ask(call.request, () => undefined);
    call.fail(new Error('a hint that could not be read'));
    await turn();
    expect(call.signal().aborted).toBe(false);
  });
});
