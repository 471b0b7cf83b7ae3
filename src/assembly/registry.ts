import { GLOBALS } from '../configs/index.js';
import { CONNECTORS } from '../connectors/index.js';
import { SOURCES } from '../sources/index.js';
import type { GlobalType, SourceType, StepType } from '../spi/component.js';
import { STEPS } from '../steps/index.js';

/** Component types by element key: the single place that knows element names. */
export interface Registry {
  readonly steps: ReadonlyMap<string, StepType>;
  readonly sources: ReadonlyMap<string, SourceType>;
  readonly globals: ReadonlyMap<string, GlobalType>;
}

export function defaultRegistry(): Registry {
  return {
    steps: byElement([...STEPS, ...CONNECTORS.flatMap((c) => c.steps)]),
    sources: byElement([...SOURCES, ...CONNECTORS.flatMap((c) => c.sources)]),
    globals: byElement([...GLOBALS, ...CONNECTORS.flatMap((c) => c.globals)]),
  };
}

function byElement<T extends { element: string }>(types: readonly T[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const t of types) {
    if (map.has(t.element)) throw new Error(`two component types claim <${t.element}>`);
    map.set(t.element, t);
  }
  return map;
}
