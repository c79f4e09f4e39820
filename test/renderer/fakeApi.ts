import {
  api,
  type Bridge,
  type Channel,
  type Envelope,
  type ErrorCode,
  type EventName,
  type EventPayload,
  type FieldIssue,
  type Input,
  type MessageValues,
  type Output,
  type ParsedInput,
} from '../../src-main/shared/api';
import { AppError } from '../../src-main/kernel/errors';

/** Only the handlers a test needs; each is typed by the contract like main's real handlers. */
export type FakeHandlers = { [C in Channel]?: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

/** A handler that refuses as main's do, by throwing main's AppError: `'x.get': fails('internal', 'disk error')`. */
export const fails = (code: ErrorCode, message: string, issues?: FieldIssue[], values?: MessageValues) => (): never => {
  throw new AppError(code, message, issues, values);
};

export interface FakeCall {
  channel: Channel;
  input: unknown;
}

export interface FakeBridge extends Bridge {
  readonly calls: FakeCall[];
  /** What the renderer sent on `channel`, oldest first, exactly as sent. */
  callsTo<C extends Channel>(channel: C): Input<C>[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Whether anything listens to `event` now: main's events sent before then are lost, as in the app. */
  listening(event: EventName): boolean;
  /** The calls the renderer cancelled (Bridge.cancel), as they were sent. */
  cancelled(): FakeCall[];
  /** Calls not answered yet. */
  pending(): number;
  /** Resolves once every call made so far (and any made meanwhile) has been answered. */
  idle(): Promise<void>;
}

/**
 * An in-memory `window.rapport`. Like main, it parses every input with the contract's schema
 * (a renderer bug that sends a bad request fails here too), and it parses every reply, so a
 * fixture that drifts from the contract fails loudly instead of passing quietly.
 */
export function createFakeBridge(handlers: FakeHandlers): FakeBridge {
  const calls: FakeCall[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const inFlight = new Set<Promise<unknown>>();

  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of listeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
  }

  const cancellable = new Map<number, FakeCall>();
  const cancelled: FakeCall[] = [];

  function invoke<C extends Channel>(channel: C, input: Input<C>, requestId?: number): Promise<Envelope<Output<C>>> {
    if (requestId !== undefined) cancellable.set(requestId, { channel, input: structuredClone(input) });
    const answer = answerCall(channel, input);
    inFlight.add(answer);
    const done = (): void => void inFlight.delete(answer);
    answer.then(done, done);
    return answer;
  }

  async function answerCall<C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>> {
    calls.push({ channel, input: structuredClone(input) });
    const handler = handlers[channel] as ((input: ParsedInput<C>) => Output<C> | Promise<Output<C>>) | undefined;
    if (!handler)
      return { ok: false, error: { code: 'internal', message: `The fake API has no handler for ${channel}` } };
    const parsed = api[channel].input.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      return { ok: false, error: { code: 'invalid_input', message: 'Invalid input', issues } };
    }
    try {
      const value = api[channel].output.parse(await handler(parsed.data as ParsedInput<C>)) as Output<C>;
      // Like main (ipc/assemble announcingWrites): a command that succeeded announces what it writes, before its reply.
      const { writes } = api[channel];
      if (writes.length > 0) emit('data.changed', { entities: [...writes] });
      return { ok: true, value };
    } catch (error) {
      // A handler answers with an error envelope by throwing main's own AppError, as a real one does.
      if (error instanceof AppError) {
        return {
          ok: false,
          error: { code: error.code, message: error.message, issues: error.issues, values: error.values },
        };
      }
      throw error;
    }
  }

  return {
    calls,
    invoke,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    callsTo<C extends Channel>(channel: C) {
      return calls.filter((call) => call.channel === channel).map((call) => call.input as Input<C>);
    },
    listening(event) {
      return (listeners.get(event)?.size ?? 0) > 0;
    },
    cancel(requestId) {
      const call = cancellable.get(requestId);
      if (call) cancelled.push(call);
    },
    cancelled: () => [...cancelled],
    pending: () => inFlight.size,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    emit,
  };
}
