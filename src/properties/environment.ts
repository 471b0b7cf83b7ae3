import type { PropertyLayer } from './properties.js';

/**
 * Environment variables as a property layer: Mule resolves `${NAME}` from them too, above the
 * app's property files and below deployment (`--prop`) properties.
 */
export function environmentLayer(env: NodeJS.ProcessEnv = process.env): PropertyLayer {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) values[k] = v;
  return { source: 'environment', values };
}

/** `FLOWRT_LOG_LEVEL` and friends: runtime settings that may come from the environment. */
export function envSetting(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}
