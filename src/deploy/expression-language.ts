import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { ExpressionLanguage } from '../expr/compile.js';
import type { AppFiles } from './app-files.js';

const LANGUAGES: readonly ExpressionLanguage[] = ['jsonata', 'dataweave'];

/**
 * The language of the app's inline `#[…]` expressions: the `flowrt.expressions` property, else
 * `"expressions"` in flowrt-app.json, else DataWeave for an app in Mule's project layout
 * (`src/main/mule`, `mule-artifact.json`), so that an unchanged Mule project runs, and JSONata,
 * flowrt's own, for every other app. A script with a `%dw` header is DataWeave whatever this says.
 */
export function expressionLanguage(
  files: AppFiles,
  property: (name: string) => string | undefined,
): { language: ExpressionLanguage; diagnostics: Diagnostic[] } {
  const fromProperty = property('flowrt.expressions');
  const fromManifest = files.manifestField('expressions');
  const given = fromProperty ?? fromManifest;
  if (given !== undefined) {
    if (typeof given === 'string' && (LANGUAGES as readonly string[]).includes(given)) return { language: given as ExpressionLanguage, diagnostics: [] };
    const where = fromProperty !== undefined ? 'the flowrt.expressions property' : '"expressions" in flowrt-app.json';
    return {
      language: files.isMuleProject() ? 'dataweave' : 'jsonata',
      diagnostics: [error('invalid-property', `${where} is ${JSON.stringify(given)}; it is "jsonata" or "dataweave"`)],
    };
  }
  return { language: files.isMuleProject() ? 'dataweave' : 'jsonata', diagnostics: [] };
}
