import type { Diagnostic } from '../errors/diagnostic.js';
import type { ErrorTypeRepository } from '../errors/error-type-repository.js';
import type { CompileOptions } from '../expr/compile.js';
import type { XmlElement } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import type { AppGraph } from '../graph/app-graph.js';
import type { ErrorHandler } from '../runtime/error-handler.js';
import type { Flow } from '../runtime/flow.js';
import type { Processor } from '../runtime/processor.js';
import type { BuildServices } from '../spi/component.js';
import type { Registry } from './registry.js';

/** A file an element refers to (`resource="…"`), read relative to the app. */
export interface Resource {
  readonly text: string;
  /** Path shown in diagnostics. */
  readonly file: string;
}

/** Everything one app build shares; lives only while building. */
export interface BuildState {
  readonly diagnostics: Diagnostic[];
  readonly compile: CompileOptions;
  readonly registry: Registry;
  readonly errorTypes: ErrorTypeRepository;
  readonly graph: AppGraph;
  readonly flows: Map<string, Flow>;
  readonly services: BuildServices;
  readResource(path: string, at: SourceLocation): Resource | undefined;
  step(el: XmlElement): Processor | undefined;
  errorHandler(el: XmlElement): ErrorHandler | undefined;
  /** The global named `name`, built by its type; `expected` is the element it must be. */
  config(name: string, expected: string | undefined, at: SourceLocation): unknown;
}
