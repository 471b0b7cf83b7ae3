import type { AppOptions } from '../options.js';
import { checkApp } from './check-app.js';

/**
 * `flowrt validate [APP_DIR]`: the flows and the API manager document, every problem at once;
 * exit 1 when there is an error.
 */
export async function validate(dir: string, options: AppOptions): Promise<number> {
  const { name, errors, flows } = await checkApp(dir, options);
  if (errors > 0) return 1;
  process.stdout.write(`${name}: valid (${flows} flow${flows === 1 ? '' : 's'})\n`);
  return 0;
}
