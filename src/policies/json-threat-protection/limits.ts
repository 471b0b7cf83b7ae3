import type { Container, JsonHandler } from './tokenizer.js';
import { FlowrtError } from '../../errors/flowrt-error.js';

/** json-threat-protection's parameters (Anypoint's names); `-1` or absent: no limit. */
export interface JsonLimits {
  readonly maxContainerDepth: number;
  readonly maxStringValueLength: number;
  readonly maxObjectEntryNameLength: number;
  readonly maxObjectEntryCount: number;
  readonly maxArrayElementCount: number;
}

export type LimitName = keyof JsonLimits;

/** A JSON document past one of the limits: which one, and its value. */
export class JsonLimitExceededError extends FlowrtError<'json-limit-exceeded'> {
  constructor(
    readonly limit: LimitName,
    readonly value: number,
  ) {
    super('json-limit-exceeded', DESCRIPTIONS[limit](value));
  }
}

const DESCRIPTIONS: Readonly<Record<LimitName, (value: number) => string>> = {
  maxContainerDepth: (v) => `JSON containers are nested deeper than maxContainerDepth (${v})`,
  maxStringValueLength: (v) => `a JSON string value is longer than maxStringValueLength (${v} characters)`,
  maxObjectEntryNameLength: (v) => `a JSON object entry name is longer than maxObjectEntryNameLength (${v} characters)`,
  maxObjectEntryCount: (v) => `a JSON object has more entries than maxObjectEntryCount (${v})`,
  maxArrayElementCount: (v) => `a JSON array has more elements than maxArrayElementCount (${v})`,
};

/**
 * The limits as a tokenizer handler: throws {@link JsonLimitExceededError} at the first token past
 * one (a string as soon as a chunk ends past its limit, not only once it is whole).
 *
 * @example
 * new JsonTokenizer(limitChecker({ ...NO_LIMITS, maxContainerDepth: 2 })).write('[[['); // throws: maxContainerDepth
 */
export function limitChecker(limits: JsonLimits): JsonHandler {
  const max = (value: number): number => (value < 0 ? Infinity : value);
  const depth = max(limits.maxContainerDepth);
  const stringLength = max(limits.maxStringValueLength);
  const nameLength = max(limits.maxObjectEntryNameLength);
  const entries = max(limits.maxObjectEntryCount);
  const elements = max(limits.maxArrayElementCount);
  return {
    open(_container: Container, level: number) {
      if (level > depth) throw new JsonLimitExceededError('maxContainerDepth', limits.maxContainerDepth);
    },
    close() {},
    member(container: Container, count: number) {
      if (container === 'object' ? count > entries : count > elements) {
        throw container === 'object'
          ? new JsonLimitExceededError('maxObjectEntryCount', limits.maxObjectEntryCount)
          : new JsonLimitExceededError('maxArrayElementCount', limits.maxArrayElementCount);
      }
    },
    string(length: number, key: boolean) {
      if (key ? length > nameLength : length > stringLength) {
        throw key
          ? new JsonLimitExceededError('maxObjectEntryNameLength', limits.maxObjectEntryNameLength)
          : new JsonLimitExceededError('maxStringValueLength', limits.maxStringValueLength);
      }
    },
    scalar() {},
  };
}

/** Every limit off, as Anypoint's defaults. */
export const NO_LIMITS: JsonLimits = Object.freeze({
  maxContainerDepth: -1,
  maxStringValueLength: -1,
  maxObjectEntryNameLength: -1,
  maxObjectEntryCount: -1,
  maxArrayElementCount: -1,
});
