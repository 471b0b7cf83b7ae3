import { LinearRegExp } from '../../linear-regex.js';
import { fail } from '../values/eval-error.js';
import type { DwRegex } from '../values/model.js';

/**
 * A RegExp whose matching runs on the linear-time engine where the pattern allows it: every
 * String method (replace, match, split …) goes through `exec`, so overriding it is enough. Split
 * builds a sticky copy through the species, which must stay a native RegExp.
 */
class LinearBackedRegExp extends RegExp {
  static override get [Symbol.species](): RegExpConstructor {
    return RegExp;
  }

  constructor(
    source: string,
    flags: string,
    private readonly engine: LinearRegExp,
  ) {
    super(source, flags);
  }

  override exec(input: string): RegExpExecArray | null {
    const keep = this.global || this.sticky;
    this.engine.lastIndex = keep ? this.lastIndex : 0;
    const m = this.engine.exec(input);
    if (keep) this.lastIndex = m ? this.engine.lastIndex : 0;
    return m;
  }
}

/** A regex value; the engine is built once and shared (matching is synchronous, and `exec` sets its position each time). */
export function makeRegex(source: string): DwRegex {
  let native: RegExp;
  try {
    native = new RegExp(source, 'g');
  } catch (e) {
    return fail(`Invalid regex /${source}/: ${(e as Error).message}`);
  }
  const engine = new LinearRegExp(native);
  return {
    dwRegex: true,
    source,
    global: () => new LinearBackedRegExp(native.source, 'g', engine),
    once: () => new LinearBackedRegExp(native.source, '', engine),
  };
}
