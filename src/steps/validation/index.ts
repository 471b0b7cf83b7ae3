import type { StepType } from '../../spi/component.js';
import { isBlankString } from './is-blank-string.js';
import { isEmail } from './is-email.js';
import { isEmptyCollection } from './is-empty-collection.js';
import { isFalse } from './is-false.js';
import { isNotBlankString } from './is-not-blank-string.js';
import { isNotEmptyCollection } from './is-not-empty-collection.js';
import { isNotNull } from './is-not-null.js';
import { isNull } from './is-null.js';
import { isNumber } from './is-number.js';
import { isTrue } from './is-true.js';
import { matchesRegex } from './matches-regex.js';
import { validateSize } from './validate-size.js';

/** The operations of Mule's Validation module that flowrt implements. */
export const VALIDATION_STEPS: readonly StepType[] = [
  isTrue,
  isFalse,
  isNull,
  isNotNull,
  isEmptyCollection,
  isNotEmptyCollection,
  isBlankString,
  isNotBlankString,
  isNumber,
  isEmail,
  matchesRegex,
  validateSize,
];
