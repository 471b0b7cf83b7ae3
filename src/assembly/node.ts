import type { Diagnostic } from '../errors/diagnostic.js';
import { error, warning } from '../errors/diagnostic.js';
import type { DiagnosticCode } from '../errors/diagnostic-codes.js';
import type { ErrorType } from '../errors/error-type.js';
import type { CompiledExpression } from '../expr/compile.js';
import { compileExpression } from '../expr/compile.js';
import type { Value } from '../expr/value.js';
import { compileValue, wholeExpression } from '../expr/value.js';
import type { XmlElement } from '../model/element.js';
import type { SourceLocation } from '../model/location.js';
import { advanceLocation, formatLocation } from '../model/location.js';
import type { ErrorHandler } from '../runtime/error-handler.js';
import type { Flow } from '../runtime/flow.js';
import { PASS_THROUGH } from '../runtime/flow.js';
import { pipeline } from '../runtime/pipeline.js';
import type { Processor } from '../runtime/processor.js';
import type { BuildServices, ComponentNode } from '../spi/component.js';
import type { ElementSpec } from '../spi/spec.js';
import type { BuildState, Resource } from './state.js';
import { checkElement } from './validate.js';

/** An element seen through its spec, checked on creation. See {@link ComponentNode}. */
export class Node implements ComponentNode {
  private readonly childNodes = new Map<string, Node[]>();

  constructor(
    readonly element: XmlElement,
    private readonly spec: ElementSpec,
    private readonly state: BuildState,
  ) {
    checkElement(element, spec, state.diagnostics);
  }

  get loc(): SourceLocation {
    return this.element.loc;
  }

  get location(): string {
    return describe(this.element);
  }

  get services(): BuildServices {
    return this.state.services;
  }

  literal(name: string): string | undefined {
    return this.element.attrs.get(name)?.value ?? this.spec.attributes[name]?.default;
  }

  int(name: string): number | undefined {
    const text = this.literal(name);
    return text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
  }

  bool(name: string): boolean | undefined {
    const text = this.literal(name)?.trim();
    return text === 'true' ? true : text === 'false' ? false : undefined;
  }

  value(name: string): Value | undefined {
    const spec = this.spec.attributes[name];
    const attr = this.element.attrs.get(name);
    const text = attr?.value ?? spec?.default;
    if (!spec || text === undefined) return undefined;
    // A default is flowrt's own expression, written in JSONata whatever the app's expressions are.
    const options = attr ? this.state.compile : { ...this.state.compile, language: 'jsonata' as const };
    return this.compiled(compileValue(spec.kind, text, attr?.valueLoc ?? this.loc, options));
  }

  text(): Value | undefined {
    const kind = this.spec.text;
    if (!kind || this.element.text === '') return undefined;
    return this.compiled(compileValue(kind, this.element.text, this.element.textLoc ?? this.loc, this.state.compile));
  }

  script(): CompiledExpression | undefined {
    const resource = this.element.attrs.get('resource');
    let text = this.element.text;
    let loc = this.element.textLoc ?? this.loc;
    if (resource) {
      if (text.trim() !== '')
        return this.fail('script-and-resource', `<${this.element.key}> has both a script and resource="${resource.value}"; keep one`, undefined, resource.loc);
      const read = this.state.readResource(resource.value, resource.valueLoc);
      if (!read) return undefined;
      text = read.text;
      loc = { file: read.file, line: 1, col: 1 };
    }
    if (text.trim() === '') return this.fail('missing-script', `<${this.element.key}> needs a script (DataWeave or JSONata) as its text or in a resource file`);
    const whole = wholeExpression(text);
    // A .dwl file is DataWeave by its name, as Mule reads it, header or not.
    const options = resource?.value.endsWith('.dwl') ? { ...this.state.compile, language: 'dataweave' as const } : this.state.compile;
    const compiled = whole ? compileExpression(whole.body, advanceLocation(loc, text, whole.offset), options) : compileExpression(text, loc, options);
    if ('code' in compiled) {
      this.state.diagnostics.push(compiled);
      return undefined;
    }
    this.state.diagnostics.push(...compiled.warnings);
    return compiled;
  }

  readResource(path: string, at?: SourceLocation): Resource | undefined {
    return this.state.readResource(path, at ?? this.loc);
  }

  child(key: string): Node | undefined {
    return this.children(key)[0];
  }

  children(key: string): Node[] {
    let nodes = this.childNodes.get(key);
    if (!nodes) {
      const spec = this.spec.children?.[key];
      nodes = spec ? this.element.children.filter((c) => c.key === key).map((c) => new Node(c, spec, this.state)) : [];
      this.childNodes.set(key, nodes);
    }
    return nodes;
  }

  processors(): Processor {
    const steps: Processor[] = [];
    for (const el of this.element.children) {
      if (this.spec.children?.[el.key]) continue;
      if (el.key === 'error-handler') {
        if (!this.spec.errorHandler)
          this.error(
            'error-handler-not-allowed',
            `<${this.element.key}> cannot have an error-handler`,
            'wrap the steps in <try> to handle their errors there',
            el.loc,
          );
        continue;
      }
      const step = this.state.step(el);
      if (step) steps.push(step);
    }
    return steps.length === 0 ? PASS_THROUGH : pipeline(steps);
  }

  errorHandler(): ErrorHandler | undefined {
    const handlers = this.element.children.filter((c) => c.key === 'error-handler');
    for (const extra of handlers.slice(1)) this.error('duplicate-error-handler', `<${this.element.key}> may have one error-handler`, undefined, extra.loc);
    const last = this.element.children[this.element.children.length - 1];
    if (handlers[0] && handlers[0] !== last)
      this.error('error-handler-not-last', 'error-handler must be the last element of its scope', undefined, handlers[0].loc);
    return handlers[0] ? this.state.errorHandler(handlers[0]) : undefined;
  }

  config<T>(attr = 'config-ref'): T | undefined {
    const ref = this.element.attrs.get(attr);
    if (!ref) return undefined;
    return this.state.config(ref.value, this.spec.attributes[attr]?.ref, ref.valueLoc) as T | undefined;
  }

  errorType(text: string, usage: 'raise' | 'handle', at?: SourceLocation): ErrorType | undefined {
    const resolved = usage === 'raise' ? this.state.errorTypes.declare(text) : this.state.errorTypes.lookup(text);
    if ('problem' in resolved) return this.fail(resolved.code, resolved.problem, undefined, at);
    if (resolved.warning) this.warn('unimplemented-error-type', resolved.warning, undefined, at);
    return resolved.type;
  }

  flow(name: string): Flow | undefined {
    return this.state.flows.get(name);
  }

  error(code: DiagnosticCode, message: string, hint?: string, at?: SourceLocation): void {
    this.state.diagnostics.push(error(code, message, at ?? this.loc, hint));
  }

  warn(code: DiagnosticCode, message: string, hint?: string, at?: SourceLocation): void {
    this.state.diagnostics.push(warning(code, message, at ?? this.loc, hint));
  }

  private fail(code: DiagnosticCode, message: string, hint?: string, at?: SourceLocation): undefined {
    this.error(code, message, hint, at);
    return undefined;
  }

  private compiled(result: { value?: Value; diagnostics: Diagnostic[] }): Value | undefined {
    this.state.diagnostics.push(...result.diagnostics);
    return result.value;
  }
}

/** `<set-payload> "Set greeting" at flows/app.xml:12:5`, for logs and errors. */
export function describe(el: XmlElement): string {
  const name = el.attrs.get('doc:name')?.value ?? el.attrs.get('name')?.value;
  return `<${el.key}>${name ? ` "${name}"` : ''} at ${formatLocation(el.loc)}`;
}
