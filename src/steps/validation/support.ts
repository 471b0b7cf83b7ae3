import { MULE } from '../../errors/catalog/index.js';
import type { ErrorType } from '../../errors/error-type.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Value } from '../../expr/value.js';
import { toText } from '../../expr/value.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { Processor } from '../../runtime/processor.js';
import type { ComponentNode } from '../../spi/component.js';
import type { AttrSpec } from '../../spi/spec.js';

/** The optional `config-ref` every validation operation takes: a `validation:config`. */
export const CONFIG_REF: AttrSpec = { kind: 'literal', ref: 'validation:config' };

/**
 * The `message` every validation operation takes: the error description when it fails. Mule
 * evaluates it only on failure, so a message expression costs nothing while input is valid.
 */
export const MESSAGE: AttrSpec = {
  kind: 'expression-supported',
  doc: "The error description when the validation fails; Mule's default message otherwise.",
};

/** What a check finds: nothing when the value is valid, else Mule's default message for it. */
export type Check = (event: FlowEvent) => Promise<string | undefined>;

/**
 * A validation operation: runs `check` and, when it fails, raises `type` with the custom
 * `message` or the check's default one. The event passes through unchanged.
 */
export function validator(node: ComponentNode, type: ErrorType, check: Check): Processor {
  const message = node.value('message');
  return {
    location: node.location,
    async process(event) {
      const failure = await check(event);
      if (failure === undefined) return event;
      const custom = message ? toText(await message.evaluate(event)) : '';
      throw new FlowError(type, custom || failure);
    },
  };
}

/**
 * A value as the String parameter Mule coerces it to: null stays null, numbers and booleans
 * become their text, bytes are read as UTF-8. A structure cannot be coerced: MULE:EXPRESSION,
 * as in Mule when a parameter expression gives a value of the wrong type.
 */
export function asString(value: unknown, attr: string, source: Value, element: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  throw wrongType(attr, source, element, value, 'a string');
}

/** The error for a parameter expression whose value cannot be used as the parameter's type. */
export function wrongType(attr: string, source: Value, element: string, value: unknown, needed: string): FlowError {
  return new FlowError(MULE.EXPRESSION, `${attr}="${source.source}" gave ${kindOf(value)}, where <${element}> needs ${needed}`);
}

export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// Mule's messages are java.text.MessageFormat patterns: numbers in them are grouped and keep at
// most three decimals ("1,500", "2.5"), as NumberFormat.getInstance() writes them.
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3, roundingMode: 'halfEven' } as Intl.NumberFormatOptions);

/** A value as it reads inside Mule's default messages: text as it is, numbers as MessageFormat writes them. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return NUMBER_FORMAT.format(value);
  return toText(value);
}

/** Commons Lang's StringUtils.isBlank: empty or only whitespace. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}
