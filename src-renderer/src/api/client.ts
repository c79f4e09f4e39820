import {
  api,
  type Bridge,
  type Channel,
  type EventName,
  type EventPayload,
  type ErrorCode,
  type FieldIssue,
  type Input,
  type Output,
  type MessageValues,
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
      // What the contract says the command writes: the same list main announces.
      const { writes } = api[channel];
      if (writes.length > 0) notifyChanged(writes);
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
