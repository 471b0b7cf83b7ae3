/*
 * Milliseconds since the epoch written with an F&O date/time picture (§9.8.4), in a timezone
 * given as ±HHMM (datetime.js formatDateTime). Without a picture: ISO 8601 with milliseconds.
 */
import { JsonataError } from '../values.js';
import { dateComponent } from './date-components.js';
import { analyseDateTimePicture, DAYS, MONTHS, type Marker, type PicturePart } from './date-picture.js';
import { formatInteger, formatIntegerWith } from './integer-picture.js';

let iso8601: PicturePart[] | undefined;

export function formatDateTime(millis: number, picture?: string, timezone?: string): string {
  let offsetHours = 0;
  let offsetMinutes = 0;
  if (timezone !== undefined) {
    const offset = parseInt(timezone);
    offsetHours = Math.floor(offset / 100);
    offsetMinutes = offset % 100;
  }
  const parts =
    picture === undefined ? (iso8601 ??= analyseDateTimePicture('[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]')) : analyseDateTimePicture(picture);
  const date = new Date(millis + (60 * offsetHours + offsetMinutes) * 60 * 1000);
  let result = '';
  for (const part of parts) result += part.type === 'literal' ? part.value : component(date, part, offsetHours, offsetMinutes);
  return result;
}

function component(date: Date, spec: Marker, offsetHours: number, offsetMinutes: number): string {
  const value = dateComponent(date, spec.component);
  if ('YMDdFWwXxHhms'.includes(spec.component)) {
    let n = value as number;
    if (spec.component === 'Y' && spec.n !== -1) n = n % Math.pow(10, spec.n!);
    return spec.names ? name(spec, n) : formatIntegerWith(n, spec.integerFormat!);
  }
  if (spec.component === 'f') return formatIntegerWith(value as number, spec.integerFormat!);
  if (spec.component === 'Z' || spec.component === 'z') return zone(spec, offsetHours, offsetMinutes);
  if (spec.component === 'P' && spec.names === 'upper') return (value as string).toUpperCase();
  return value as string;
}

/** A month or day by name, cased and cut to the width's maximum. */
function name(spec: Marker, n: number): string {
  let text: string;
  if (spec.component === 'M' || spec.component === 'x') text = MONTHS[n - 1]!;
  else if (spec.component === 'F') text = DAYS[n]!;
  else {
    throw new JsonataError('D3133', `The 'name' modifier can only be applied to months and days in the date/time picture string, not ${spec.component}`, {
      value: spec.component,
    });
  }
  if (spec.names === 'upper') text = text.toUpperCase();
  else if (spec.names === 'lower') text = text.toLowerCase();
  if (spec.width?.max !== undefined && text.length > spec.width.max) text = text.substring(0, spec.width.max);
  return text;
}

function zone(spec: Marker, offsetHours: number, offsetMinutes: number): string {
  const offset = offsetHours * 100 + offsetMinutes;
  const format = spec.integerFormat!;
  let text: string;
  if (format.regular) text = formatIntegerWith(offset, format);
  else {
    const numDigits = format.mandatoryDigits!;
    if (numDigits === 1 || numDigits === 2) {
      text = formatIntegerWith(offsetHours, format);
      if (offsetMinutes !== 0) text += ':' + formatInteger(offsetMinutes, '00');
    } else if (numDigits === 3 || numDigits === 4) text = formatIntegerWith(offset, format);
    else throw new JsonataError('D3134', 'The timezone integer format specifier cannot have more than four digits', { value: numDigits });
  }
  if (offset >= 0) text = '+' + text;
  if (spec.component === 'z') text = 'GMT' + text;
  if (offset === 0 && spec.presentation2 === 't') text = 'Z';
  return text;
}
