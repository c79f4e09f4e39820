import type {
  Bridge,
  Channel,
  Envelope,
  EventName,
  EventPayload,
  ErrorCode,
  FieldIssue,
  Input,
  Output,
  MessageValues,
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

export interface CallOptions {
  /**
   * Aborting it cancels the call: it rejects at once with the code 'cancelled' (isCancelled), and
   * main does not run it if it is a read not started yet. A command runs to its end regardless.
   */
  signal?: AbortSignal;
}

/** Whether `error` is a call's rejection because its caller cancelled it: nothing to show. */
export const isCancelled = (error: unknown): boolean => error instanceof ApiError && error.code === 'cancelled';

export interface ApiClient {
  call<C extends Channel>(channel: C, input: Input<C>, options?: CallOptions): Promise<Output<C>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * Fires when data may have changed: on the backend's `data.changed` event, which main sends
   * after every successful command with what its contract says it writes (this window's own
   * writes, before their reply, and writes made elsewhere, e.g. the CLI). The client needs no
   * contract of its own for it, so the window's first screen does not carry every schema.
   */
  onDataChanged(listener: (entities: readonly DataEntity[]) => void): () => void;
}

/**
 * Announcements main makes once (its ledger marks them as told): at the window's load, and
 * then on a timer. The first arrives while the app is still loading its settings, before the
 * screens that show it have subscribed, so one that finds nobody listening waits here for the
 * first subscriber instead of being lost. Other events only matter to whoever listens now.
 */
const ANNOUNCEMENTS: readonly EventName[] = ['care.due', 'goals.behind'];

/** The next cancellable call's request id: one counter for the page, so no two calls under way share one. */
let nextRequestId = 1;

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) {
    const { code, message, issues, values } = envelope.error;
    throw new ApiError(code, message, issues, values);
  }
  return envelope.value;
}

const cancelled = (): ApiError => new ApiError('cancelled', 'failures.cancelled');

export function createApiClient(bridge: Bridge): ApiClient {
  const held = new Map<EventName, unknown[]>();
  const announced = new Map<EventName, Set<(payload: unknown) => void>>();
  for (const event of ANNOUNCEMENTS) {
    const listeners = new Set<(payload: unknown) => void>();
    announced.set(event, listeners);
    held.set(event, []);
    bridge.on(event, (payload) => {
      if (listeners.size === 0) held.get(event)!.push(payload);
      for (const listener of [...listeners]) listener(payload);
    });
  }
  return {
    async call(channel, input, { signal } = {}) {
      if (!signal) return unwrap(await bridge.invoke(channel, input));
      if (signal.aborted) throw cancelled();
      const requestId = nextRequestId++;
      return new Promise((resolve, reject) => {
        const cancel = (): void => {
          bridge.cancel(requestId);
          reject(cancelled());
        };
        signal.addEventListener('abort', cancel, { once: true });
        bridge.invoke(channel, input, requestId).then(
          (envelope) => {
            signal.removeEventListener('abort', cancel);
            try {
              resolve(unwrap(envelope));
            } catch (error) {
              reject(error);
            }
          },
          (error: unknown) => {
            signal.removeEventListener('abort', cancel);
            reject(error);
          },
        );
      });
    },
    subscribe(event, listener) {
      const listeners = announced.get(event);
      if (!listeners) return bridge.on(event, listener);
      const hear = listener as (payload: unknown) => void;
      listeners.add(hear);
      for (const payload of held.get(event)!.splice(0)) hear(payload);
      return () => listeners.delete(hear);
    },
    onDataChanged(listener) {
      return bridge.on('data.changed', ({ entities }) => listener(entities));
    },
  };
}
