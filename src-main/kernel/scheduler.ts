/**
 * The one place background work is timed (follow-up reminders and goal nudges in the desktop
 * app and the browser preview, the preview's keep-alive). Each job runs every `everyMs`; a run
 * never overlaps a run of the same job still under way (a slow database must not pile
 * checks up); a failure is logged and the next run tries again; stop() clears every timer.
 */

export interface Job {
  /** Names the job for run() and remove(), and in the log. */
  name: string;
  everyMs: number;
  /** Also run once this long after the job is added; without it the first run waits for the interval or run(). */
  startAfterMs?: number;
  /** Aborted when the job is removed or the scheduler stops, so a run under way can drop its result. */
  run(signal: AbortSignal): Promise<void> | void;
}

export interface Scheduler {
  /** Starts timing a job; one already added under the same name is removed first. */
  add(job: Job): void;
  /** Runs a job now, or joins its run under way; never throws. Nothing happens for an unknown name. */
  run(name: string): Promise<void>;
  remove(name: string): void;
  /** Removes every job: no timer is left and runs under way see their signal aborted. */
  stop(): void;
}

interface Scheduled {
  job: Job;
  interval: NodeJS.Timeout;
  start: NodeJS.Timeout | null;
  controller: AbortController;
  running: Promise<void> | null;
}

export function createScheduler(log: (message: string, error?: unknown) => void): Scheduler {
  const jobs = new Map<string, Scheduled>();

  const attempt = async (entry: Scheduled): Promise<void> => {
    try {
      await entry.job.run(entry.controller.signal);
    } catch (error) {
      log(`Background job "${entry.job.name}" failed`, error);
    }
  };
  const runOnce = (entry: Scheduled): Promise<void> => {
    if (entry.controller.signal.aborted) return Promise.resolve();
    // Cleared in a promise callback, never synchronously: a job that throws at once is
    // settled before `running` is even assigned.
    entry.running ??= attempt(entry).finally(() => (entry.running = null));
    return entry.running;
  };

  const remove = (name: string): void => {
    const entry = jobs.get(name);
    if (!entry) return;
    jobs.delete(name);
    clearInterval(entry.interval);
    if (entry.start) clearTimeout(entry.start);
    entry.controller.abort();
  };

  return {
    add(job) {
      remove(job.name);
      const entry: Scheduled = {
        job,
        controller: new AbortController(),
        running: null,
        interval: setInterval(() => void runOnce(entry), job.everyMs),
        start: null,
      };
      if (job.startAfterMs !== undefined) entry.start = setTimeout(() => void runOnce(entry), job.startAfterMs);
      // Background timers must not keep a closing process alive.
      entry.interval.unref();
      entry.start?.unref();
      jobs.set(job.name, entry);
    },
    run(name) {
      const entry = jobs.get(name);
      return entry ? runOnce(entry) : Promise.resolve();
    },
    remove,
    stop() {
      for (const name of [...jobs.keys()]) remove(name);
    },
  };
}
