import type {
  Bridge,
  Channel,
  EventName,
  EventPayload,
  ErrorCode,
  FieldIssue,
  Input,
  MessageValues,
  Output,
} from '../../../src-main/shared/api';

/** A failed call, rebuilt from the error envelope so callers can `catch` it like any error. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** The `{{placeholders}}` of `message` when it is a catalogue key. */
  readonly values: MessageValues | undefined;

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = [], values?: MessageValues) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
    this.values = values;
  }
}

export type DataEntity = EventPayload<'data.changed'>['entities'][number];

export interface ApiClient {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Fires when data may have changed: after this renderer's own successful writes and on
   * the backend's `data.changed` event (which also covers writes made elsewhere, e.g. the CLI).
   */
  onDataChanged(listener: (entities: readonly DataEntity[]) => void): () => void;
}

/**
 * Which entities each write touches; sales also move customers' lifetime values, and their
 * check-ins and reorder rhythm ('care'): winning, reopening, deleting or re-dating a sale
 * schedules or removes check-ins. A customer's segment and tags pick their contact rules.
 * 'goals' is a goal's own records; the goal screens also watch the sales, customers and care
 * records their metrics count.
 */
const WRITES: Partial<Record<Channel, readonly DataEntity[]>> = {
  'settings.update': ['settings'],
  'onboarding.start': ['settings', 'customers', 'sales', 'products', 'techniques', 'care', 'goals'],
  'customers.create': ['customers'],
  'customers.update': ['customers', 'sales', 'care'],
  'customers.setArchived': ['customers', 'care'],
  'products.create': ['products'],
  'techniques.create': ['techniques'],
  'sales.create': ['sales', 'customers', 'care'],
  'sales.update': ['sales', 'customers', 'care'],
  'sales.delete': ['sales', 'customers', 'care'],
  'import.run': ['sales', 'customers', 'products', 'techniques', 'care'],
  'import.undo': ['sales', 'customers', 'care'],
  'care.interactions.create': ['care'],
  'care.interactions.delete': ['care'],
  'care.checkins.complete': ['care'],
  'care.checkins.skip': ['care'],
  'care.followups.done': ['care'],
  'care.followups.snooze': ['care'],
  'care.followups.reschedule': ['care'],
  'care.complaints.create': ['care'],
  'care.complaints.update': ['care'],
  'care.cadence.set': ['care'],
  'care.contactRules.set': ['care'],
  'goals.create': ['goals'],
  'goals.update': ['goals'],
  'goals.archive': ['goals'],
  'goals.milestones.tick': ['goals'],
  'goals.values.log': ['goals'],
  'goals.values.delete': ['goals'],
  'goals.values.import': ['goals'],
  'goals.calendar.set': ['goals'],
};

export function createApiClient(bridge: Bridge): ApiClient {
  const changeListeners = new Set<(entities: readonly DataEntity[]) => void>();
  const notifyChanged = (entities: readonly DataEntity[]): void => {
    for (const listener of changeListeners) listener(entities);
  };

  return {
    async call(channel, input) {
      const envelope = await bridge.invoke(channel, input);
      if (!envelope.ok) {
        const { code, message, issues, values } = envelope.error;
        throw new ApiError(code, message, issues, values);
      }
      const touched = WRITES[channel];
      if (touched) notifyChanged(touched);
      return envelope.value;
    },
    subscribe(event, listener) {
      return bridge.on(event, listener);
    },
    onDataChanged(listener) {
      changeListeners.add(listener);
      const off = bridge.on('data.changed', ({ entities }) => listener(entities));
      return () => {
        changeListeners.delete(listener);
        off();
      };
    },
  };
}
