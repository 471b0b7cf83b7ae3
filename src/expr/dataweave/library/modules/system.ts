import type { DwValue } from '../../values/model.js';
import type { FunctionTable } from '../define.js';
import { defineFunction, overload } from '../define.js';

/** dw::System: the process's environment variables, as DataWeave reads the JVM's. */
export const SYSTEM: FunctionTable = {
  envVar: defineFunction('envVar', [overload('String', (name: string) => process.env[name] ?? null)]),
  envVars: defineFunction('envVars', [
    overload('', () => {
      const out: { [k: string]: DwValue } = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== '__proto__') out[k] = v;
      return out;
    }),
  ]),
};
