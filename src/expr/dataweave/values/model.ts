import { Decimal } from 'decimal.js';
import { Duration, LocalDate, LocalDateTime, LocalTime, OffsetTime, Period, ZoneId, ZonedDateTime } from '@js-joda/core';

/**
 * DataWeave's values as the compiled script holds them. Most are plain JavaScript values, so a
 * JSON payload is read without copying and a result is handed to the runtime as it is:
 *
 * | DataWeave | JavaScript |
 * |---|---|
 * | Null, Boolean, String | null, boolean, string |
 * | Number | number (integers and values that print exactly), or a decimal.js Decimal past double's 15 digits (numbers.ts) |
 * | Array, Range | array (a range is materialised, up to the limits) |
 * | Object | a plain object; a {@link DwObject} when a key repeats or carries attributes or a namespace (XML needs both) |
 * | Date, DateTime, LocalDateTime, LocalTime, Time, TimeZone, Period | js-joda's LocalDate, ZonedDateTime, LocalDateTime, LocalTime, OffsetTime, ZoneId, Period or Duration |
 * | Regex, Binary, Function | RegExp-like {@link DwRegex}, Uint8Array, JavaScript function |
 */
export type DwValue =
  | null
  | boolean
  | number
  | Decimal
  | string
  | DwValue[]
  | { [key: string]: DwValue }
  | DwObject
  | LocalDate
  | ZonedDateTime
  | LocalDateTime
  | LocalTime
  | OffsetTime
  | ZoneId
  | Period
  | Duration
  | DwRegex
  | Uint8Array
  | DwFunction;

/** A DataWeave function: lambdas, named `fun`s and library functions alike. Missing arguments arrive undefined. */
export type DwFunction = ((...args: DwValue[]) => DwValue) & {
  readonly dwName?: string;
  readonly dwParams?: readonly string[];
  /** Which parameters declare a default (`(item, acc = 0) -> …`): `reduce` starts from the default instead of the first item. */
  readonly dwDefaults?: readonly boolean[];
  /** The default value of parameter `index` (evaluated as a call would), for `[] reduce ((item, acc = 0) -> …)`. */
  readonly dwDefaultValue?: (index: number) => DwValue;
};

/** A regex value: the pattern as written and a compiled matcher that runs in linear time where it can. */
export interface DwRegex {
  readonly dwRegex: true;
  readonly source: string;
  /** A fresh global RegExp-compatible matcher each call (its lastIndex is the caller's). */
  global(): RegExp;
  /** A non-global matcher. */
  once(): RegExp;
}

/** One field of an object: XML's attributes and namespaces live on the key, as in DataWeave. */
export interface Entry {
  readonly key: string;
  readonly value: DwValue;
  /** The namespace URI of a qualified key (`ns0#order`). */
  readonly ns?: string;
  /** The namespace prefix the key was written or read with, kept for writing XML back. */
  readonly prefix?: string;
  /** The key's attributes (`order @(id: 1): …`). */
  readonly attrs?: readonly Entry[];
}

/** An object whose keys repeat or carry attributes or namespaces: it keeps its entries in order. */
export class DwObject {
  constructor(readonly entries: readonly Entry[]) {}
}

export type DwObjectLike = { [key: string]: DwValue } | DwObject;

/**
 * A value keeps the attributes of the XML element it was read from, as DataWeave's values do:
 * `payload.order.*line map $.@sku` reads each line's attribute inside the lambda. Structures
 * carry them in a side table; text does in an {@link AttributedText}.
 */
const attributeTable = new WeakMap<object, readonly Entry[]>();

/**
 * The text of an element with attributes: a String object, so that it still reads as text
 * (`typeOf` says String; functions receive the plain string, see {@link unbox}).
 */
export class AttributedText extends String {
  constructor(
    text: string,
    readonly attrs: readonly Entry[],
  ) {
    super(text);
  }
}

/** `value` marked with the attributes of the element it came from. */
export function withAttributes(value: DwValue, attrs: readonly Entry[] | undefined): DwValue {
  if (!attrs || attrs.length === 0) return value;
  if (value === null || typeof value === 'string') return new AttributedText(value ?? '', attrs) as unknown as DwValue;
  if (typeof value === 'object') attributeTable.set(value, attrs);
  return value;
}

/** The attributes a value carries from the element it was read from, if any. */
export function attributesOf(value: DwValue | undefined): readonly Entry[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (value instanceof AttributedText) return value.attrs;
  return attributeTable.get(value);
}

/** The plain value of an attributed text (anything else as it is). */
export function unbox<T>(value: T): T {
  return value instanceof String ? (value.valueOf() as T) : value;
}

export type TypeName =
  | 'Null'
  | 'Boolean'
  | 'Number'
  | 'String'
  | 'Array'
  | 'Object'
  | 'Date'
  | 'DateTime'
  | 'LocalDateTime'
  | 'LocalTime'
  | 'Time'
  | 'TimeZone'
  | 'Period'
  | 'Regex'
  | 'Binary'
  | 'Function';

export function isObject(v: unknown): v is DwObjectLike {
  if (v === null || typeof v !== 'object') return false;
  if (v instanceof DwObject) return true;
  const proto = Object.getPrototypeOf(v) as object | null;
  // flowrt's null-prototype records (query parameters …) are instances of a class rooted in null.
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
}

export function isDecimal(v: unknown): v is Decimal {
  return Decimal.isDecimal(v);
}

export function isNumber(v: unknown): v is number | Decimal {
  return typeof v === 'number' || isDecimal(v);
}

export function isRegex(v: unknown): v is DwRegex {
  return typeof v === 'object' && v !== null && (v as DwRegex).dwRegex === true;
}

/** DataWeave's name for the type of `v` (what `typeOf` answers). */
export function typeOf(v: DwValue | undefined): TypeName {
  if (v === null || v === undefined) return 'Null';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    case 'function':
      return 'Function';
  }
  if (Array.isArray(v)) return 'Array';
  if (isObject(v)) return 'Object';
  if (v instanceof String) return 'String';
  if (isDecimal(v)) return 'Number';
  if (v instanceof ZonedDateTime) return 'DateTime';
  if (v instanceof LocalDate) return 'Date';
  if (v instanceof LocalDateTime) return 'LocalDateTime';
  if (v instanceof LocalTime) return 'LocalTime';
  if (v instanceof OffsetTime) return 'Time';
  if (v instanceof ZoneId) return 'TimeZone';
  if (v instanceof Period || v instanceof Duration) return 'Period';
  if (isRegex(v)) return 'Regex';
  if (v instanceof Uint8Array) return 'Binary';
  return 'Object';
}

/** The entries of an object, in order. */
export function entriesOf(o: DwObjectLike): readonly Entry[] {
  if (o instanceof DwObject) return o.entries;
  const keys = Object.keys(o);
  const out: Entry[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = { key: keys[i]!, value: o[keys[i]!]! };
  return out;
}

/** The number of fields of an object (repeated keys counted each time). */
export function sizeOfObject(o: DwObjectLike): number {
  return o instanceof DwObject ? o.entries.length : Object.keys(o).length;
}

/** The first value under `key` (`obj.key`), or undefined when there is none. */
export function field(o: DwObjectLike, key: string): DwValue | undefined {
  if (o instanceof DwObject) {
    for (const e of o.entries) if (e.key === key) return e.value;
    return undefined;
  }
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Every value under `key` (`obj.*key`). */
export function fields(o: DwObjectLike, key: string): DwValue[] {
  if (o instanceof DwObject) return o.entries.filter((e) => e.key === key).map((e) => e.value);
  return Object.prototype.hasOwnProperty.call(o, key) ? [o[key]!] : [];
}

/**
 * An object of these entries: a plain object when it can be one (keys unique, no attributes or
 * namespaces), which is what the rest of flowrt and JSON expect; a {@link DwObject} otherwise.
 */
export function makeObject(entries: readonly Entry[]): DwObjectLike {
  const out: { [key: string]: DwValue } = {};
  const order = new KeyOrder();
  for (const e of entries) {
    if (e.attrs !== undefined || e.ns !== undefined || e.key === '__proto__' || Object.prototype.hasOwnProperty.call(out, e.key) || !order.keeps(e.key)) {
      return new DwObject(entries);
    }
    out[e.key] = e.value;
  }
  return out;
}

/**
 * JavaScript lists an object's integer-like keys ("0", "42") first and in numeric order, whatever
 * order they were set in; DataWeave keeps fields as written. This tells whether the next key still
 * lands where it was put in a plain object: an integer-like key must come before any other key
 * and after smaller ones.
 */
class KeyOrder {
  private lastIndex = -1;
  private sawName = false;

  keeps(key: string): boolean {
    const n = /^(0|[1-9]\d{0,9})$/.test(key) ? Number(key) : -1;
    if (n < 0 || n > 4294967294) {
      this.sawName = true;
      return true;
    }
    if (this.sawName || n <= this.lastIndex) return false;
    this.lastIndex = n;
    return true;
  }
}

/** A builder for objects made field by field, staying a plain object for as long as it can. */
export class ObjectBuilder {
  private plain: { [key: string]: DwValue } | undefined = {};
  private entries: Entry[] | undefined;
  private readonly order = new KeyOrder();

  add(e: Entry): void {
    if (this.plain) {
      if (
        e.attrs === undefined &&
        e.ns === undefined &&
        e.key !== '__proto__' &&
        !Object.prototype.hasOwnProperty.call(this.plain, e.key) &&
        this.order.keeps(e.key)
      ) {
        this.plain[e.key] = e.value;
        return;
      }
      this.entries = entriesOf(this.plain).slice();
      this.plain = undefined;
    }
    this.entries!.push(e);
  }

  set(key: string, value: DwValue): void {
    this.add({ key, value });
  }

  build(): DwObjectLike {
    return this.plain ?? new DwObject(this.entries!);
  }
}
