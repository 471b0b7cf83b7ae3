import { fail } from '../../values/eval-error.js';
import type { DwFunction, DwObjectLike, DwValue, Entry } from '../../values/model.js';
import { entriesOf, field as fieldOf, isObject, makeObject } from '../../values/model.js';
import type { Num } from '../../values/numbers.js';
import { isNum } from '../../values/numbers.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';
import { call, int } from './util.js';

/**
 * dw::util::Values: update and mask. Both answer an updater, a function of the new-value
 * provider, which is what `… with newValue` applies: the provider gets `(oldValue, index)`; a
 * plain value given instead of a lambda is used as it is.
 *
 * A path step is a PathElement (`field("a")`, `index(1)`, `attr("id")`: an object
 * `{kind, selector, namespace}`), a String (a field) or a Number (an array index).
 */

type Kind = 'Object' | 'Array' | 'Attribute';
interface Step {
  readonly kind: Kind;
  readonly selector: string | number;
}

const pathElement = (kind: Kind, selector: DwValue): DwValue => ({ kind, selector, namespace: null });

function stepOf(v: DwValue): Step {
  if (typeof v === 'string') return { kind: 'Object', selector: v };
  if (isNum(v)) return { kind: 'Array', selector: int(v) };
  if (isObject(v)) {
    const kind = fieldOf(v, 'kind');
    const selector = fieldOf(v, 'selector');
    if ((kind === 'Object' || kind === 'Attribute') && typeof selector === 'string') return { kind, selector };
    if (kind === 'Array' && isNum(selector)) return { kind, selector: int(selector) };
  }
  return fail(`Invalid path element: expected a String, a Number or a PathElement`);
}

type Provider = (old: DwValue, index: DwValue | undefined) => DwValue;
const providerOf = (p: DwValue): Provider => (typeof p === 'function' ? (old, index) => call(p, old, index ?? null) : () => p);

/** `value` with what `path` selects replaced by the provider's answer; a step that selects nothing changes nothing. */
function updateAt(value: DwValue, path: readonly Step[], provide: Provider, index?: DwValue): DwValue {
  if (path.length === 0) return provide(value, index);
  const [step, ...rest] = path as [Step, ...Step[]];
  if (step.kind === 'Array') {
    if (!Array.isArray(value)) return value;
    const i = (step.selector as number) < 0 ? value.length + (step.selector as number) : (step.selector as number);
    if (i < 0 || i >= value.length) return value;
    const out = value.slice();
    out[i] = updateAt(value[i]!, rest, provide, i);
    return out;
  }
  // A field step over an array applies to each object in it, as update(Array, String) does.
  if (Array.isArray(value)) return value.map((item) => (isObject(item) ? updateAt(item, path, provide, index) : item));
  if (!isObject(value) || step.kind === 'Attribute') return value;
  const attrStep = rest[0]?.kind === 'Attribute' ? rest[0] : undefined;
  let changed = false;
  const entries = entriesOf(value).map((e): Entry => {
    if (e.key !== step.selector) return e;
    changed = true;
    if (!attrStep) return { ...e, value: updateAt(e.value, rest, provide) };
    const attrs = e.attrs ? makeObject(e.attrs) : {};
    const updated = updateAt(attrs, [{ kind: 'Object', selector: attrStep.selector }, ...rest.slice(1)], provide);
    return { ...e, attrs: entriesOf(updated as DwObjectLike) };
  });
  return changed ? makeObject(entries) : value;
}

const isSimple = (v: DwValue): boolean => !Array.isArray(v) && !isObject(v);

/** Every simple value the step selects, anywhere in `value`, replaced. */
function maskAll(value: DwValue, step: Step, provide: Provider): DwValue {
  if (Array.isArray(value)) {
    return value.map((item, i) => (step.kind === 'Array' && i === step.selector && isSimple(item) ? provide(item, i) : maskAll(item, step, provide)));
  }
  if (!isObject(value)) return value;
  return makeObject(
    entriesOf(value).map((e): Entry => {
      if (step.kind === 'Attribute' && e.attrs?.some((a) => a.key === step.selector)) {
        const attrs = e.attrs.map((a) => (a.key === step.selector && isSimple(a.value) ? { ...a, value: provide(a.value, undefined) } : a));
        return { ...e, attrs, value: maskAll(e.value, step, provide) };
      }
      if (step.kind === 'Object' && e.key === step.selector && isSimple(e.value)) return { ...e, value: provide(e.value, undefined) };
      return { ...e, value: maskAll(e.value, step, provide) };
    }),
  );
}

const updater = (fn: (provide: Provider) => DwValue): DwFunction => ((p: DwValue) => fn(providerOf(p ?? null))) as DwFunction;

export const VALUES: FunctionTable = {
  field: defineFunction('field', [overload('String', (name: string) => pathElement('Object', name))]),
  index: defineFunction('index', [overload('Number', (i: Num) => pathElement('Array', int(i)))]),
  attr: defineFunction('attr', [overload('String', (name: string) => pathElement('Attribute', name))]),
  update: defineFunction('update', [
    overload('Array | Object | Null, Array', (v: DwValue, path: readonly DwValue[]) => updater((p) => updateAt(v, path.map(stepOf), p))),
    overload('Array | Object | Null, String | Number | Object', (v: DwValue, s: DwValue) => updater((p) => updateAt(v, [stepOf(s)], p))),
  ]),
  mask: defineFunction('mask', [
    overload('Null, String | Number | Object', () => updater(() => null)),
    overload('Any, String | Number | Object', (v: DwValue, s: DwValue) => updater((p) => maskAll(v, stepOf(s), p))),
  ]),
};
