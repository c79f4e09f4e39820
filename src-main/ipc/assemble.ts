import { api, CHANNELS, type Channel } from '../shared/api';
import type { Store } from '../db/connection';
import type { Handlers } from '../kernel/handlers';
import { lazyHandlers, readsOnlyBy, type HandlerContext } from './features';

export type { HandlerContext } from './features';

/** Whether a channel only reads, and so is answered by the reader (a connection, or a thread of its own). */
export const readsOnly = (channel: Channel): boolean => readsOnlyBy(channel, api[channel]);

/**
 * The backend as the renderer sees it: one handler per contract channel (features.ts's
 * lazyHandlers, listed), each command announcing what it wrote when there is someone to tell.
 */
export function createHandlers(store: Store, ctx: HandlerContext): Handlers {
  let handlers: Handlers;
  const lazy = lazyHandlers(store, ctx, { all: () => handlers });
  handlers = Object.fromEntries(CHANNELS.map((c) => [c, lazy[c]])) as Handlers;
  if (ctx.emit) handlers = announcingWrites(handlers, ctx.emit);
  return handlers;
}

/**
 * Each command, once it has succeeded, announces `data.changed` with exactly the entities its
 * contract says it writes. The one place this happens: the app, the preview and the CLI all
 * get their handlers here, and the renderer's client refreshes from the same declaration.
 */
function announcingWrites(handlers: Handlers, emit: NonNullable<HandlerContext['emit']>): Handlers {
  const announcing: Record<Channel, unknown> = { ...handlers };
  for (const channel of CHANNELS) {
    const { writes } = api[channel];
    if (writes.length === 0) continue;
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    announcing[channel] = async (input: unknown) => {
      const result = await handler(input);
      emit('data.changed', { entities: [...writes] });
      return result;
    };
  }
  return announcing as Handlers;
}
