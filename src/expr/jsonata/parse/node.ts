/**
 * A node of JSONata's parse tree, raw (as the Pratt parser builds it) or processed (as
 * `expression.ast()` returns it). Its shape depends on its type and is extended in place by the
 * processing, as the library does; the fields are read loosely here and checked by the tests
 * against the library's tree.
 */
export interface Node {
  type?: string;
  value?: unknown;
  position?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the library's node shapes are dynamic; parse.test.ts pins them
  [key: string]: any;
}

/** A `%` slot: which ancestor a parent reference seeks, labelled for the evaluator. */
export interface Slot {
  label: string;
  level: number;
  index: number;
}
