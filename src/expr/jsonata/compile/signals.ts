/* What makes a compiled expression hand over to the library: at build (Unsupported) or while it runs (StepAside). */

/**
 * Thrown while evaluating, past the evaluation's slice (JsonataOptions.sliceMs): a long
 * evaluation steps aside for the library, which runs it in slices between other requests.
 */
export class StepAside extends Error {
  constructor() {
    super('a long evaluation steps aside for the sliced library evaluator');
    this.name = 'StepAside';
  }
}

/** Thrown while compiling: the expression uses something the compiler does not cover, and the library runs it. */
export class Unsupported extends Error {
  constructor(readonly construct: string) {
    super(`not compiled: ${construct}`);
    this.name = 'Unsupported';
  }
}
