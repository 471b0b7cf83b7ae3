import type { GlobalType, SourceType, StepType } from '../spi/component.js';

/**
 * A Mule module flowrt implements (VM, Object Store …): its own folder of steps, sources and
 * global elements, registered as the core ones are.
 */
export interface Connector {
  /** The module's namespace prefix as Mule apps write it (`vm`, `os`). */
  readonly prefix: string;
  readonly steps: readonly StepType[];
  readonly sources: readonly SourceType[];
  readonly globals: readonly GlobalType[];
}
