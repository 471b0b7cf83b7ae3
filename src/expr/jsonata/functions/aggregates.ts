/*
 * $sum, $count, $max, $min, $average over an array of numbers (the signature has already
 * wrapped a single number into an array of one).
 */
import type { Builtin } from '../values.js';

function sum(args: number[] | undefined): number | undefined {
  if (args === undefined) return undefined;
  let total = 0;
  for (const n of args) total += n;
  return total;
}

function count(args: unknown[] | undefined): number {
  return args === undefined ? 0 : args.length;
}

function max(args: number[] | undefined): number | undefined {
  if (args === undefined || args.length === 0) return undefined;
  let best = -Infinity;
  for (const n of args) best = Math.max(best, n);
  return best;
}

function min(args: number[] | undefined): number | undefined {
  if (args === undefined || args.length === 0) return undefined;
  let best = Infinity;
  for (const n of args) best = Math.min(best, n);
  return best;
}

function average(args: number[] | undefined): number | undefined {
  if (args === undefined || args.length === 0) return undefined;
  return sum(args)! / args.length;
}

export const AGGREGATES: Readonly<Record<string, Builtin>> = {
  sum: { signature: '<a<n>:n>', impl: sum },
  count: { signature: '<a:n>', impl: count },
  max: { signature: '<a<n>:n>', impl: max },
  min: { signature: '<a<n>:n>', impl: min },
  average: { signature: '<a<n>:n>', impl: average },
};
