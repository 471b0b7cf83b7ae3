import { deepEqual } from '../values.js';
import { boolize, isNumeric, stringify } from './coerce.js';
import { fail, locate } from './errors.js';
import type { Compiler, Evaluator, Node } from './types.js';
import { Unsupported } from './signals.js';
import { range } from './range.js';

type Operation = (lhs: unknown, rhs: unknown) => unknown;

/** A binary operator: both sides evaluated (the right one only when needed for `and`/`or`), then combined. */
export function compileBinary(node: Node, c: Compiler): Evaluator {
  const op = node.value as string;
  const lhs = c.compile(node.lhs as Node);
  const rhs = c.compile(node.rhs as Node);
  const at = node.position;
  if (op === 'and')
    return (input, frame) => {
      try {
        return boolize(lhs(input, frame)) && boolize(rhs(input, frame));
      } catch (e) {
        throw locate(e, at, op, true);
      }
    };
  if (op === 'or')
    return (input, frame) => {
      try {
        return boolize(lhs(input, frame)) || boolize(rhs(input, frame));
      } catch (e) {
        throw locate(e, at, op, true);
      }
    };
  const operation = OPERATIONS[op];
  if (!operation) throw new Unsupported(`operator ${op}`);
  return (input, frame) => {
    const a = lhs(input, frame);
    const b = rhs(input, frame);
    try {
      return operation(a, b);
    } catch (e) {
      throw locate(e, at, op, true);
    }
  };
}

/** Unary minus (`[` and `{` constructors are objects.ts). */
export function compileNegation(node: Node, c: Compiler): Evaluator {
  const operand = c.compile(node.expression as Node);
  return (input, frame) => {
    const value = operand(input, frame);
    if (value === undefined) return undefined;
    if (isNumeric(value)) return -value;
    return fail('D1002', { position: node.position, token: '-', value });
  };
}

function arithmetic(compute: (a: number, b: number) => number): Operation {
  return (a, b) => {
    if (a !== undefined && !isNumeric(a)) fail('T2001', { value: a });
    if (b !== undefined && !isNumeric(b)) fail('T2002', { value: b });
    if (a === undefined || b === undefined) return undefined;
    return compute(a as number, b as number);
  };
}

function comparison(compare: (a: number | string, b: number | string) => boolean): Operation {
  return (a, b) => {
    const ta = typeof a;
    const tb = typeof b;
    const comparableA = ta === 'undefined' || ta === 'string' || ta === 'number';
    const comparableB = tb === 'undefined' || tb === 'string' || tb === 'number';
    if (!comparableA || !comparableB) fail('T2010', { value: !(ta === 'string' || ta === 'number') ? a : b });
    if (a === undefined || b === undefined) return undefined;
    if (ta !== tb) fail('T2009', { value: a, value2: b });
    return compare(a as number | string, b as number | string);
  };
}

const OPERATIONS: Readonly<Record<string, Operation>> = {
  '+': arithmetic((a, b) => a + b),
  '-': arithmetic((a, b) => a - b),
  '*': arithmetic((a, b) => a * b),
  '/': arithmetic((a, b) => a / b),
  '%': arithmetic((a, b) => a % b),
  '=': (a, b) => a !== undefined && b !== undefined && deepEqual(a, b),
  '!=': (a, b) => a !== undefined && b !== undefined && !deepEqual(a, b),
  '<': comparison((a, b) => a < b),
  '<=': comparison((a, b) => a <= b),
  '>': comparison((a, b) => a > b),
  '>=': comparison((a, b) => a >= b),
  '&': (a, b) => (a === undefined ? '' : stringify(a)!) + (b === undefined ? '' : stringify(b)!),
  '..': range,
  // `in` is identity membership, as the library has it (not `=`'s deep equality).
  in: (a, b) => a !== undefined && b !== undefined && (Array.isArray(b) ? b.indexOf(a) !== -1 : b === a),
};
