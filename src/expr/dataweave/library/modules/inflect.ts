/**
 * English plural and singular forms for pluralize/singularize: rule-based (suffix rules, a short
 * list of irregular nouns and of nouns that do not change), not a dictionary. A word already in
 * the wanted form comes back as it is ("boxes" pluralized stays "boxes").
 */

const UNCOUNTABLE = new Set([
  'equipment',
  'information',
  'rice',
  'money',
  'species',
  'series',
  'fish',
  'sheep',
  'deer',
  'jeans',
  'police',
  'news',
  'data',
  'feedback',
  'software',
  'hardware',
  'metadata',
]);

const IRREGULAR: ReadonlyArray<readonly [string, string]> = [
  ['person', 'people'],
  ['man', 'men'],
  ['woman', 'women'],
  ['child', 'children'],
  ['tooth', 'teeth'],
  ['foot', 'feet'],
  ['mouse', 'mice'],
  ['goose', 'geese'],
  ['ox', 'oxen'],
  ['sex', 'sexes'],
  ['move', 'moves'],
  ['zombie', 'zombies'],
  ['cactus', 'cacti'],
  ['quiz', 'quizzes'],
];

/** [pattern, replacement], tried in order; the first that matches applies. */
type Rule = readonly [RegExp, string];

const PLURAL: readonly Rule[] = [
  [/(matr|vert|ind)(?:ix|ex)$/i, '$1ices'],
  [/(octop|vir)(?:us|i)$/i, '$1i'],
  [/(alias|status|bus|campus)$/i, '$1es'],
  [/(buffal|tomat|potat|her|ech)o$/i, '$1oes'],
  [/([ti])(?:um|a)$/i, '$1a'],
  [/sis$/i, 'ses'],
  [/(?:([^f])fe|([lr])f)$/i, '$1$2ves'],
  [/(hive)$/i, '$1s'],
  [/([^aeiouy]|qu)y$/i, '$1ies'],
  [/(x|ch|ss|sh|z)$/i, '$1es'],
  [/s$/i, 's'],
  [/$/, 's'],
];

const SINGULAR: readonly Rule[] = [
  [/(matr)ices$/i, '$1ix'],
  [/(vert|ind)ices$/i, '$1ex'],
  [/(octop|vir)(?:us|i)$/i, '$1us'],
  [/(alias|status|bus|campus)(?:es)?$/i, '$1'],
  [/(buffal|tomat|potat|her|ech)oes$/i, '$1o'],
  [/([ti])a$/i, '$1um'],
  [/((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(?:sis|ses)$/i, '$1sis'],
  [/(hive)s$/i, '$1'],
  [/([lr])ves$/i, '$1f'],
  [/([^f])ves$/i, '$1fe'],
  [/([^aeiouy]|qu)ies$/i, '$1y'],
  [/(x|ch|ss|sh|z)es$/i, '$1'],
  [/(ss)$/i, '$1'],
  [/s$/i, ''],
];

/** The replacement keeping the case of the word's first letter ("Person" → "People"). */
function withCaseOf(word: string, replacement: string): string {
  return word[0] === word[0]!.toUpperCase() ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

function inflect(word: string, rules: readonly Rule[], irregular: (pair: readonly [string, string]) => readonly [string, string]): string {
  if (word === '') return word;
  const lower = word.toLowerCase();
  const lastWord = lower.match(/[a-z]+$/)?.[0] ?? lower;
  if (UNCOUNTABLE.has(lastWord)) return word;
  for (const pair of IRREGULAR) {
    const [from, to] = irregular(pair);
    if (lastWord === to) return word;
    if (lastWord === from) {
      const start = word.length - from.length;
      return word.slice(0, start) + withCaseOf(word.slice(start), to);
    }
  }
  for (const [re, to] of rules) if (re.test(word)) return word.replace(re, to);
  return word;
}

export function pluralize(word: string): string {
  // A word that singularizes to something else is already plural.
  if (singularize(word) !== word && !/(ss|us|is)$/i.test(word)) return word;
  return inflect(word, PLURAL, (p) => p);
}

export function singularize(word: string): string {
  return inflect(word, SINGULAR, ([one, many]) => [many, one]);
}
