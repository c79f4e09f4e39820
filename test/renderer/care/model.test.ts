import { describe, expect, it } from 'vitest';
import { daysFrom, dueKey, parseDayCount } from '../../../src-renderer/src/features/care/careModel';
import {
  complaintEditValues,
  emptyCheckIn,
  validateCheckIn,
  validateComplaintEdit,
  validateDone,
  type CheckInValues,
} from '../../../src-renderer/src/features/care/careForms';
import { msToMidnight } from '../../../src-renderer/src/hooks/useToday';
import { issueErrors } from '../../../src-renderer/src/ui/errors';
import { complaintFixture } from '../fixtures';

const checkIn: CheckInValues = emptyCheckIn('2026-11-27');

describe('care model', () => {
  it('counts calendar days, whatever the clocks do in between', () => {
    // Europe moves its clocks on 29 March 2026 and 25 October 2026: still whole days.
    expect(daysFrom('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysFrom('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysFrom('2026-11-27', '2026-11-18')).toBe(-9);
  });

  it('finds the next local midnight', () => {
    expect(msToMidnight(new Date(2026, 10, 27, 23, 59, 0))).toBe(60_000);
    expect(msToMidnight(new Date(2026, 10, 27, 0, 0, 0))).toBe(24 * 3_600_000);
  });

  it('reads only whole day counts, leaving everything else for the schema to refuse', () => {
    expect(parseDayCount(' 30 ')).toBe(30);
    expect(parseDayCount('0')).toBe(0);
    for (const text of ['', '4.5', '-3', '1e3', 'tre', '30 days']) expect(parseDayCount(text)).toBeNaN();
  });

  it('names a reminder by item and due date, so a moved item is announced again', () => {
    expect(dueKey({ id: 'c11', dueOn: '2026-11-27' })).not.toBe(dueKey({ id: 'c11', dueOn: '2026-11-28' }));
  });

  it('keeps the first backend issue per field and drops the wrapper around the form', () => {
    expect(
      issueErrors(
        [
          { path: 'patch.resolution', message: 'errors.tooLong' },
          { path: 'patch.resolution', message: 'errors.required' },
          { path: 'id', message: 'errors.invalid' },
        ],
        'patch.',
      ),
    ).toEqual({ resolution: 'errors.tooLong', id: 'errors.invalid' });
  });
});

describe('care forms', () => {
  it('sends no concern unless the box is ticked, and a ticked box needs words', () => {
    const unticked = validateCheckIn(11, { ...checkIn, concern: 'left over from before' });
    expect(unticked.ok && unticked.input.concern).toBeNull();
    expect(validateCheckIn(11, { ...checkIn, concernRaised: true, concern: '  ' })).toEqual({
      ok: false,
      errors: { concern: 'errors.required' },
    });
    expect(validateCheckIn(11, { ...checkIn, csat: 6 })).toEqual({
      ok: false,
      errors: { csat: 'errors.satisfaction' },
    });
  });

  it('maps "done" back onto the interaction form’s fields', () => {
    expect(validateDone('s4', { kind: 'call', occurredOn: '', summary: '', saleId: '' })).toEqual({
      ok: false,
      errors: { occurredOn: 'errors.date' },
    });
    expect(validateDone('x4', { kind: 'call', occurredOn: '2026-11-27', summary: '', saleId: '' })).toEqual({
      ok: false,
      errors: { id: 'errors.followUpId' },
    });
  });

  it('sends only what changed in a complaint, and a resolution only with a finished status', () => {
    const complaint = complaintFixture();
    const values = complaintEditValues(complaint, '2026-11-27');
    expect(validateComplaintEdit(complaint, values)).toEqual({ ok: true, input: {} });
    expect(
      validateComplaintEdit(complaint, { ...values, severity: 'low', resolution: 'typed, then moved on' }),
    ).toEqual({ ok: true, input: { severity: 'low' } });
    expect(validateComplaintEdit(complaint, { ...values, status: 'closed_unresolved' })).toEqual({
      ok: true,
      input: { status: 'closed_unresolved', resolvedOn: '2026-11-27' },
    });
    const resolved = complaintFixture({ status: 'resolved', resolution: 'Replaced', resolvedOn: '2026-11-20' });
    expect(validateComplaintEdit(resolved, { ...complaintEditValues(resolved, '2026-11-27'), status: 'open' })).toEqual(
      { ok: true, input: { status: 'open' } },
    );
  });
});
