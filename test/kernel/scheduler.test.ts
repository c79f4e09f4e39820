import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src-main/kernel/scheduler';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A job whose runs finish only when the test says so, counting its starts. */
function controllable() {
  const finishers: ((error?: Error) => void)[] = [];
  const signals: AbortSignal[] = [];
  const run = vi.fn(
    (signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        signals.push(signal);
        finishers.push((error) => (error ? reject(error) : resolve()));
      }),
  );
  return { run, signals, finish: (error?: Error) => finishers.shift()!(error) };
}

describe('createScheduler', () => {
  it('runs a job every interval, and once after the start delay when it has one', async () => {
    const scheduler = createScheduler(vi.fn());
    const every = vi.fn();
    const started = vi.fn();
    scheduler.add({ name: 'every', everyMs: 1000, run: every });
    scheduler.add({ name: 'started', everyMs: 1000, startAfterMs: 200, run: started });
    await vi.advanceTimersByTimeAsync(199);
    expect([every.mock.calls.length, started.mock.calls.length]).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1);
    expect([every.mock.calls.length, started.mock.calls.length]).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(800);
    expect([every.mock.calls.length, started.mock.calls.length]).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(2000);
    expect([every.mock.calls.length, started.mock.calls.length]).toEqual([3, 4]);
    scheduler.stop();
  });

  it('never overlaps two runs of one job: the timer skips, run() joins the run under way', async () => {
    const scheduler = createScheduler(vi.fn());
    const job = controllable();
    const other = vi.fn();
    scheduler.add({ name: 'slow', everyMs: 1000, run: job.run });
    scheduler.add({ name: 'other', everyMs: 1000, run: other });
    await vi.advanceTimersByTimeAsync(1000); // the first run starts and hangs
    await vi.advanceTimersByTimeAsync(2000); // two more ticks while it runs
    const joined = scheduler.run('slow');
    expect(job.run).toHaveBeenCalledTimes(1);
    expect(other).toHaveBeenCalledTimes(3); // another job is not held up
    job.finish();
    await joined;
    const again = scheduler.run('slow'); // free again: run() starts one now
    expect(job.run).toHaveBeenCalledTimes(2);
    job.finish();
    await again;
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.run).toHaveBeenCalledTimes(3);
    scheduler.stop();
  });

  it('logs a failed run instead of throwing, and runs the job again next time', async () => {
    const log = vi.fn();
    const scheduler = createScheduler(log);
    const run = vi.fn().mockRejectedValueOnce(new Error('database is locked')).mockResolvedValue(undefined);
    scheduler.add({ name: 'reminders', everyMs: 1000, run });
    await expect(scheduler.run('reminders')).resolves.toBeUndefined();
    expect(log).toHaveBeenCalledWith(
      'Background job "reminders" failed',
      expect.objectContaining({ message: 'database is locked' }),
    );
    const throwing = vi.fn(() => {
      throw new Error('not even a promise');
    });
    scheduler.add({ name: 'sync', everyMs: 500, run: throwing });
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(throwing).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenCalledTimes(3);
    scheduler.stop();
  });

  it('stop() clears every timer and aborts the runs under way; run() then does nothing', async () => {
    const scheduler = createScheduler(vi.fn());
    const job = controllable();
    const other = vi.fn();
    scheduler.add({ name: 'slow', everyMs: 1000, run: job.run });
    scheduler.add({ name: 'later', everyMs: 60_000, startAfterMs: 5000, run: other });
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.signals[0]!.aborted).toBe(false);
    scheduler.stop();
    expect(job.signals[0]!.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    job.finish();
    await vi.advanceTimersByTimeAsync(10_000);
    await scheduler.run('slow');
    expect(job.run).toHaveBeenCalledTimes(1);
    expect(other).not.toHaveBeenCalled();
  });

  it('add() under a taken name replaces that job; remove() stops one job only', async () => {
    const scheduler = createScheduler(vi.fn());
    const first = controllable();
    const second = vi.fn();
    const kept = vi.fn();
    scheduler.add({ name: 'reminders', everyMs: 1000, run: first.run });
    scheduler.add({ name: 'keep-alive', everyMs: 1000, run: kept });
    await vi.advanceTimersByTimeAsync(1000);
    scheduler.add({ name: 'reminders', everyMs: 300, run: second });
    expect(first.signals[0]!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(900);
    expect([first.run.mock.calls.length, second.mock.calls.length]).toEqual([1, 3]);
    scheduler.remove('reminders');
    await vi.advanceTimersByTimeAsync(1100);
    expect(second).toHaveBeenCalledTimes(3);
    expect(kept).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(1);
    scheduler.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
