/** `${NAME}`: an environment variable's name, as shells and Mule properties write it. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface Resolved {
  readonly value: string;
  /** The variables referenced but not set (or empty). */
  readonly missing: readonly string[];
}

/**
 * A client provider setting with its `${ENV_VAR}` references replaced from `environment`, so
 * api-manager.yaml need not hold secrets. What is missing is named, never what was found.
 *
 * @example
 * resolveReferences('${IDP_SECRET}', { IDP_SECRET: 's3cret' }); // { value: 's3cret', missing: [] }
 */
export function resolveReferences(text: string, environment: Readonly<Record<string, string | undefined>>): Resolved {
  const missing: string[] = [];
  const value = text.replace(REFERENCE, (_whole, name: string) => {
    const found = environment[name];
    if (found === undefined || found === '') {
      missing.push(name);
      return '';
    }
    return found;
  });
  return { value, missing };
}
