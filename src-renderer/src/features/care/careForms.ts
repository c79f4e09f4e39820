import type { Input } from '../../../../src-main/shared/api';
import {
  CheckInCompletion,
  ComplaintInput,
  ComplaintPatch,
  FollowUpDone,
  InteractionInput,
  Reschedule,
  type Complaint,
  type ComplaintCategory,
  type ComplaintSource,
  type ComplaintStatus,
  type InteractionKind,
  type Severity,
} from '../../../../src-main/features/care/contract';
import type { CustomerRef } from '../customers/CustomerPicker';
import { schemaErrors, validation, type FieldErrors, type Validation } from '../../ui/errors';

/*
 * The care dialogs as typed (strings for text boxes, so half-typed input is never lost) and
 * their checks: each runs the very schema the backend parses with, and names its fields by
 * the schema's paths, so the backend's refusals land on the same fields.
 */

const saleIdOf = (text: string): number | null => (text === '' ? null : Number(text));

export interface InteractionValues {
  kind: InteractionKind;
  occurredOn: string;
  summary: string;
  saleId: string;
}
export const INTERACTION_FIELDS = ['kind', 'occurredOn', 'summary', 'saleId'] as const;

export function validateInteraction(
  customerId: number,
  values: InteractionValues,
): Validation<Input<'care.interactions.create'>> {
  return validation(
    InteractionInput.safeParse({
      customerId,
      kind: values.kind,
      occurredOn: values.occurredOn,
      summary: values.summary,
      saleId: saleIdOf(values.saleId),
    }),
  );
}

/** "Done" on a stay-in-touch or reorder item logs the contact: the same form, FollowUpDone's names. */
const DONE_PATHS: Record<string, string> = { on: 'occurredOn', outcome: 'summary', interactionKind: 'kind' };

export function validateDone(id: string, values: InteractionValues): Validation<Input<'care.followups.done'>> {
  const parsed = FollowUpDone.safeParse({
    id,
    on: values.occurredOn,
    outcome: values.summary,
    interactionKind: values.kind,
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const [path, key] of Object.entries(schemaErrors(parsed.error.issues))) errors[DONE_PATHS[path] ?? path] ??= key;
  return { ok: false, errors };
}

export interface CheckInValues {
  completedOn: string;
  outcome: string;
  csat: number | null;
  nps: number | null;
  concernRaised: boolean;
  concern: string;
  concernCategory: ComplaintCategory;
  concernSeverity: Severity;
}
/** A check-in form as it opens: done on `completedOn`, nothing answered, no concern. */
export const emptyCheckIn = (completedOn: string): CheckInValues => ({
  completedOn,
  outcome: '',
  csat: null,
  nps: null,
  concernRaised: false,
  concern: '',
  concernCategory: 'other',
  concernSeverity: 'medium',
});
export const CHECK_IN_FIELDS = ['completedOn', 'outcome', 'csat', 'nps', 'concern', 'concernCategory'] as const;

export function validateCheckIn(id: number, values: CheckInValues): Validation<Input<'care.checkins.complete'>> {
  const parsed = CheckInCompletion.safeParse({
    id,
    completedOn: values.completedOn,
    outcome: values.outcome,
    csat: values.csat,
    nps: values.nps,
    concern: values.concernRaised ? values.concern : null,
    concernCategory: values.concernCategory,
    concernSeverity: values.concernSeverity,
  });
  const errors = parsed.success ? {} : schemaErrors(parsed.error.issues);
  // The schema reads a blank concern as "none"; a ticked box with nothing said is a slip.
  if (values.concernRaised && values.concern.trim() === '') errors.concern ??= 'errors.required';
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, input: parsed.data } : { ok: false, errors };
}

export interface ComplaintValues {
  customer: CustomerRef | null;
  saleId: string;
  openedOn: string;
  source: ComplaintSource;
  category: ComplaintCategory;
  severity: Severity;
  description: string;
}
export const COMPLAINT_FIELDS = ['customerId', 'saleId', 'openedOn', 'source', 'category', 'severity', 'description'];

export function validateComplaint(values: ComplaintValues): Validation<Input<'care.complaints.create'>> {
  return validation(
    ComplaintInput.safeParse({
      customerId: values.customer?.id ?? 0,
      saleId: saleIdOf(values.saleId),
      openedOn: values.openedOn,
      source: values.source,
      category: values.category,
      severity: values.severity,
      description: values.description,
    }),
  );
}

export interface ComplaintEditValues {
  status: ComplaintStatus;
  category: ComplaintCategory;
  severity: Severity;
  description: string;
  resolution: string;
  resolvedOn: string;
}
export const COMPLAINT_EDIT_FIELDS = ['status', 'category', 'severity', 'description', 'resolution', 'resolvedOn'];

const finished = (status: ComplaintStatus): boolean => status === 'resolved' || status === 'closed_unresolved';

export function complaintEditValues(complaint: Complaint, today: string): ComplaintEditValues {
  return {
    status: complaint.status,
    category: complaint.category,
    severity: complaint.severity,
    description: complaint.description,
    resolution: complaint.resolution ?? '',
    resolvedOn: complaint.resolvedOn ?? today,
  };
}

/**
 * Only what changed goes to the backend. A resolution and its date belong to a finished
 * complaint; "resolved" needs the resolution written down (what was done is the point of
 * resolving), "closed unresolved" may say why or not.
 */
export function validateComplaintEdit(
  complaint: Complaint,
  values: ComplaintEditValues,
): Validation<Input<'care.complaints.update'>['patch']> {
  const patch: Input<'care.complaints.update'>['patch'] = {};
  if (values.status !== complaint.status) patch.status = values.status;
  if (values.category !== complaint.category) patch.category = values.category;
  if (values.severity !== complaint.severity) patch.severity = values.severity;
  if (values.description !== complaint.description) patch.description = values.description;
  if (finished(values.status)) {
    if (values.resolution !== (complaint.resolution ?? '')) patch.resolution = values.resolution;
    if (values.resolvedOn !== complaint.resolvedOn) patch.resolvedOn = values.resolvedOn;
  }
  const parsed = ComplaintPatch.safeParse(patch);
  const errors = parsed.success ? {} : schemaErrors(parsed.error.issues);
  if (values.status === 'resolved' && values.resolution.trim() === '') errors.resolution ??= 'errors.required';
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, input: patch } : { ok: false, errors };
}

export function validateReschedule(id: string, dueOn: string): Validation<Input<'care.followups.reschedule'>> {
  return validation(Reschedule.safeParse({ id, dueOn }));
}
