/*
 * XPath F&O 3.1 date/time pictures (§9.8.4): '[Y0001]-[M01]-[D01]' read into literals and
 * markers, and the value of each component of a date (datetime.js).
 */
import { JsonataError } from '../values.js';
import { analyseIntegerPicture, type IntegerFormat, type LetterCase } from './integer-picture.js';

export interface Marker {
  type: 'marker';
  component: string;
  width?: { min?: number; max?: number };
  presentation1?: string;
  presentation2?: string;
  ordinal?: boolean;
  names?: LetterCase;
  integerFormat?: IntegerFormat;
  /** For Y: how many digits of the year to keep (-1 for all). */
  n?: number;
}

export type PicturePart = { type: 'literal'; value: string } | Marker;

const DEFAULT_PRESENTATION: Readonly<Record<string, string>> = {
  Y: '1',
  M: '1',
  D: '1',
  d: '1',
  F: 'n',
  W: '1',
  w: '1',
  X: '1',
  x: '1',
  H: '1',
  h: '1',
  P: 'n',
  m: '01',
  s: '01',
  f: '1',
  Z: '01:01',
  z: '01:01',
  C: 'n',
  E: 'n',
};

export const DAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function analyseDateTimePicture(picture: string): PicturePart[] {
  const spec: PicturePart[] = [];
  const addLiteral = (from: number, to: number): void => {
    if (to > from) spec.push({ type: 'literal', value: picture.substring(from, to).split(']]').join(']') });
  };
  let start = 0;
  let pos = 0;
  while (pos < picture.length) {
    if (picture.charAt(pos) === '[') {
      if (picture.charAt(pos + 1) === '[') {
        addLiteral(start, pos);
        spec.push({ type: 'literal', value: '[' });
        pos += 2;
        start = pos;
        continue;
      }
      addLiteral(start, pos);
      start = pos;
      pos = picture.indexOf(']', start);
      if (pos === -1) throw new JsonataError('D3135', "No matching closing bracket ']' in date/time picture string");
      const def = marker(
        picture
          .substring(start + 1, pos)
          .split(/\s+/)
          .join(''),
      );
      if (def.integerFormat && 'YMDdFWwXxHhmsf'.includes(def.component)) {
        const previous = spec[spec.length - 1];
        // Two numbers with nothing between them: the first is read by its width.
        if (previous && previous.type === 'marker' && previous.integerFormat) previous.integerFormat.parseWidth = previous.integerFormat.mandatoryDigits;
      }
      spec.push(def);
      start = pos + 1;
    }
    pos++;
  }
  addLiteral(start, pos);
  return spec;
}

/** One marker: component, presentation modifiers, width. */
function marker(text: string): Marker {
  const def: Marker = { type: 'marker', component: text.charAt(0) };
  const comma = text.lastIndexOf(',');
  let presMod: string;
  if (comma !== -1) {
    const widthMod = text.substring(comma + 1);
    const dash = widthMod.indexOf('-');
    const parseWidth = (wm: string | undefined): number | undefined => (wm === undefined || wm === '*' ? undefined : parseInt(wm));
    def.width =
      dash === -1
        ? { min: parseWidth(widthMod), max: undefined }
        : { min: parseWidth(widthMod.substring(0, dash)), max: parseWidth(widthMod.substring(dash + 1)) };
    presMod = text.substring(1, comma);
  } else presMod = text.substring(1);
  if (presMod.length === 1) def.presentation1 = presMod;
  else if (presMod.length > 1) {
    const lastChar = presMod.charAt(presMod.length - 1);
    if ('atco'.includes(lastChar)) {
      def.presentation2 = lastChar;
      if (lastChar === 'o') def.ordinal = true;
      def.presentation1 = presMod.substring(0, presMod.length - 1);
    } else def.presentation1 = presMod;
  } else def.presentation1 = DEFAULT_PRESENTATION[def.component];
  if (def.presentation1 === undefined) {
    throw new JsonataError('D3132', `Unknown component specifier ${def.component} in date/time picture string`, { value: def.component });
  }
  if (def.presentation1[0] === 'n') def.names = 'lower';
  else if (def.presentation1[0] === 'N') def.names = def.presentation1[1] === 'n' ? 'title' : 'upper';
  else if ('YMDdFWwXxHhmsf'.includes(def.component)) integerMarker(def);
  if (def.component === 'Z' || def.component === 'z') def.integerFormat = analyseIntegerPicture(def.presentation1);
  return def;
}

function integerMarker(def: Marker): void {
  const format = analyseIntegerPicture(def.presentation2 ? `${def.presentation1};${def.presentation2}` : def.presentation1!);
  def.integerFormat = format;
  if (def.width?.min !== undefined && format.mandatoryDigits! < def.width.min) format.mandatoryDigits = def.width.min;
  if (def.component !== 'Y') return;
  def.n = -1;
  if (def.width?.max !== undefined) {
    def.n = def.width.max;
    format.mandatoryDigits = def.n;
  } else {
    const w = format.mandatoryDigits! + format.optionalDigits!;
    if (w >= 2) def.n = w;
  }
}
