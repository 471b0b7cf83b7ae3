import type { AppOptions } from '../options.js';
import { checkApp } from './check-app.js';

/**
 * `flowrt validate [APP_DIR]`: the flows and the API manager document, every problem at once;
 * exit 1 when there is an error.
 */
export async function validate(dir: string, options: AppOptions): Promise<number> {
  const { name, errors, flows, subFlows } = await checkApp(dir, options);
  if (errors > 0) return 1;
  const counted = [plural(flows, 'flow'), ...(subFlows > 0 ? [plural(subFlows, 'sub-flow')] : [])];
  process.stdout.write(`${name}: valid (${counted.join(', ')})\n`);
  return 0;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
