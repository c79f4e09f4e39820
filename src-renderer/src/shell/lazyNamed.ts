import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/** Loads started and not yet arrived (or failed). */
const arriving = new Set<Promise<unknown>>();
/** Every component's loader, to load them all ahead (preloadComponents). */
const loaders: (() => Promise<unknown>)[] = [];

/**
 * A component whose code loads when it is first shown: a screen with its route, a dialog when
 * it opens. `lazyNamed(() => import('./SalesPage'), 'SalesPage')`: our components are named
 * exports, and React.lazy wants a module whose default export is the component. Show it inside
 * a <Suspense>. Once loaded ahead, it is shown at once, without suspending.
 */
export function lazyNamed<Module, Name extends keyof Module & string>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<ComponentType<PropsOf<Module[Name]>>> {
  type Loaded = { default: ComponentType<PropsOf<Module[Name]>> };
  let loaded: Loaded | null = null;
  const fetch = (): Promise<Loaded> => {
    const loading = load().then((module) => (loaded = { default: module[name] as Loaded['default'] }));
    arriving.add(loading);
    const done = (): void => void arriving.delete(loading);
    loading.then(done, done);
    return loading;
  };
  loaders.push(() => (loaded ? Promise.resolve(loaded) : fetch()));
  // React.lazy takes a thenable: one that answers at once lets React show what is already here.
  return lazy(() =>
    loaded ? ({ then: (resolve: (value: Loaded) => void) => resolve(loaded!) } as Promise<Loaded>) : fetch(),
  );
}

/** What a function component takes (nothing: an empty object). */
type PropsOf<Component> = Component extends (props: infer Props) => ReactNode
  ? unknown extends Props
    ? object
    : Props
  : never;

/**
 * Loads every component declared so far, so none suspends when first shown: what the renderer's
 * tests do before they start, as they rendered the one bundle before it was split.
 */
export async function preloadComponents(): Promise<void> {
  await Promise.all(loaders.map((load) => load()));
}

/**
 * Resolves once every component asked for so far has arrived (or failed to): with the answers
 * to its calls, what a screen waits for before it has finished loading.
 */
export async function componentsArrived(): Promise<void> {
  while (arriving.size > 0) await Promise.allSettled([...arriving]);
}

/** Whether a component's code is still on its way. */
export function componentsArriving(): boolean {
  return arriving.size > 0;
}
