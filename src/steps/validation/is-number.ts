import { MULE, VALIDATION } from '../../errors/catalog/index.js';
import { FlowError } from '../../errors/flow-error.js';
import type { Value } from '../../expr/value.js';
import type { FlowEvent } from '../../runtime/event.js';
import type { ComponentNode, StepType } from '../../spi/component.js';
import type { NumberType, Separators } from './number-format.js';
import { NUMBER_TYPES, parseNumber, separators } from './number-format.js';
import { CONFIG_REF, asString, MESSAGE, shown, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:is-number';

/**
 * `<validation:is-number value numberType minValue maxValue locale>`: fails with
 * VALIDATION:INVALID_NUMBER unless the text parses as a number of that type (in the locale's
 * format, default English) within the inclusive bounds. Literal settings are checked at load.
 */
export const isNumber: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      value: { kind: 'expression-supported', required: true, doc: 'The text to parse; a number is read as its text.' },
      numberType: { kind: 'expression-supported', required: true, values: NUMBER_TYPES, doc: 'The type the value must parse as.' },
      minValue: { kind: 'expression-supported', doc: 'The smallest value allowed, written as a number of numberType.' },
      maxValue: { kind: 'expression-supported', doc: 'The largest value allowed, written as a number of numberType.' },
      locale: { kind: 'expression-supported', doc: 'The locale whose separators the value uses, e.g. de or en_US (default: English).' },
      pattern: { kind: 'expression-supported', doc: 'Not supported: flowrt reads numbers by locale only.' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that a string is a number of a type, within bounds; raises VALIDATION:INVALID_NUMBER otherwise.',
  },
  throws: [VALIDATION.INVALID_NUMBER],
  build(node) {
    const value = node.value('value');
    const type = node.value('numberType');
    const locale = node.value('locale');
    const min = node.value('minValue');
    const max = node.value('maxValue');
    if (node.element.attrs.has('pattern')) {
      node.error(
        'unsupported-attribute',
        'the pattern attribute of <validation:is-number> is not supported yet',
        'drop it and set locale, or check the format with <validation:matches-regex>',
        node.element.attrs.get('pattern')!.loc,
      );
      return undefined;
    }
    if (!value || !type) return undefined;
    const settings = new Settings(node, type, locale, min, max);
    if (!settings.ok) return undefined;
    return validator(node, VALIDATION.INVALID_NUMBER, async (event) => {
      const text = asString(await value.evaluate(event), 'value', value, ELEMENT);
      const { numberType, format, low, high } = await settings.resolve(event);
      const n = text === null ? undefined : parseNumber(text, numberType, format);
      if (n === undefined) return `${shown(text)} is not a valid ${numberType} value`;
      // Mule's own wording, "that" included, so that checks ported from Mule still match.
      if (low !== undefined && n < low) return `${shown(n)} is lower that ${shown(low)}`;
      if (high !== undefined && n > high) return `${shown(n)} is greater that ${shown(high)}`;
      return undefined;
    });
  },
};

interface Resolved {
  readonly numberType: NumberType;
  readonly format: Separators;
  readonly low?: number | bigint;
  readonly high?: number | bigint;
}

/** A setting that cannot be used: the attribute and why. */
interface Problem {
  readonly attr: string;
  readonly problem: string;
}

const ENGLISH = separators('en')!;

/**
 * The numberType, locale and bounds: checked and parsed once at load when they are literals,
 * per event when they are expressions (an unusable value is then MULE:EXPRESSION).
 */
class Settings {
  readonly ok: boolean = true;
  private readonly fixed?: Resolved;

  constructor(
    node: ComponentNode,
    private readonly type: Value,
    private readonly locale: Value | undefined,
    private readonly min: Value | undefined,
    private readonly max: Value | undefined,
  ) {
    if (![type, locale, min, max].every((v) => !v || v.constant)) return;
    const fixed = resolve(type.source, locale?.source, min?.source, max?.source);
    if ('problem' in fixed) {
      // A literal numberType outside the list was reported by the spec's check already.
      if (fixed.attr !== 'numberType')
        node.error(fixed.attr === 'locale' ? 'unknown-locale' : 'invalid-number-bound', fixed.problem, undefined, node.element.attrs.get(fixed.attr)?.valueLoc);
      this.ok = false;
    } else this.fixed = fixed;
  }

  async resolve(event: FlowEvent): Promise<Resolved> {
    if (this.fixed) return this.fixed;
    const text = async (v: Value | undefined, attr: string): Promise<string | undefined> => {
      if (!v) return undefined;
      const out = asString(await v.evaluate(event), attr, v, ELEMENT);
      return out === null || out === '' ? undefined : out;
    };
    const [type, locale, min, max] = await Promise.all([
      text(this.type, 'numberType'),
      text(this.locale, 'locale'),
      text(this.min, 'minValue'),
      text(this.max, 'maxValue'),
    ]);
    const resolved = resolve(type ?? '', locale, min, max);
    if ('problem' in resolved) throw new FlowError(MULE.EXPRESSION, resolved.problem);
    return resolved;
  }
}

function resolve(type: string, locale: string | undefined, min: string | undefined, max: string | undefined): Resolved | Problem {
  const numberType = type.trim() as NumberType;
  if (!NUMBER_TYPES.includes(numberType)) return { attr: 'numberType', problem: `numberType "${type}" must be one of ${NUMBER_TYPES.join(', ')}` };
  const format = locale === undefined ? ENGLISH : separators(locale);
  if (!format) return { attr: 'locale', problem: `locale "${locale}" is not a locale this runtime knows` };
  // Mule reads the bounds as numbers of numberType in its default locale, whatever locale the value uses.
  const bounds: Array<number | bigint | undefined> = [];
  for (const [attr, text] of [
    ['minValue', min],
    ['maxValue', max],
  ] as const) {
    const n = text === undefined ? undefined : parseNumber(text, numberType, ENGLISH);
    if (text !== undefined && n === undefined) return { attr, problem: `${attr} "${text}" of <${ELEMENT}> is not a valid ${numberType} value` };
    bounds.push(n);
  }
  return { numberType, format, low: bounds[0], high: bounds[1] };
}
