import { afterAll } from 'vitest';

/**
 * For the calling file or block, whose tests set process.env.TZ (Node re-reads it on each
 * assignment) to run in other zones: puts TZ back as it was once they are done.
 */
export function restoreTimeZoneAfterAll(): void {
  const original = process.env.TZ;
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
}
