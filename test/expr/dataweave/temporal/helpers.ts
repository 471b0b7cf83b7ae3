import type { TemporalType } from '../../../../src/expr/dataweave/ast.js';
import { formatTemporal, temporalLiteral } from '../../../../src/expr/dataweave/temporal/index.js';
import { isoType } from '../../../../src/expr/dataweave/temporal/iso.js';
import type { DwValue } from '../../../../src/expr/dataweave/values/model.js';

/** The value of a `|…|` literal, its type read as the lexer reads it. */
export function lit(text: string, type?: TemporalType): DwValue {
  const t = type ?? isoType(text);
  if (!t) throw new Error(`not a temporal literal: ${text}`);
  return temporalLiteral(t, text);
}

/** DataWeave's default text of a value. */
export function text(v: DwValue): string {
  return formatTemporal(v);
}
