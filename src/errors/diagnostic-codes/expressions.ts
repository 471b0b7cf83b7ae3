import type { CodeDoc } from './code-doc.js';

/** Expressions, scripts, regular expressions and JSON schemas: each code with what it means, a message it comes with and what to do. */
export const EXPRESSION_CODES = {
  'expression-syntax': {
    meaning: 'an expression does not parse',
    example: 'invalid expression: Expected ")", got end of expression',
    fix: 'fix the expression; the hint points out DataWeave written where JSONata is read',
  },
  'expression-call': {
    meaning: 'an expression calls a field as if it were a function, which fails on every event',
    example: 'payload.size(…) calls a field, not a function: it would fail on every event',
    fix: 'use the JSONata function the hint names, e.g. $count(payload)',
  },
  'expression-not-allowed': {
    meaning: 'an expression where Mule reads a value once, when the app starts',
    example: 'port on <http:listener-config> takes a value, not an expression: Mule reads it once, when the app starts',
    fix: 'write a literal or a ${property}',
  },
  'unsupported-expression': {
    meaning: 'an expression in an attribute flowrt reads only as a literal yet',
    example: 'maxRetries on <until-successful> as an expression is not supported by flowrt yet',
    fix: 'write a literal or a ${property}',
  },
  'literal-with-expression': {
    meaning: 'a value with #[…] inside that is read as a literal (warning)',
    example: '"id-#[vars.id]" is read as a literal: only a value that is wholly #[…] is an expression',
    fix: "write the whole value as one expression: #['id-' & vars.id]",
  },
  'invalid-regex': {
    meaning: 'a regular expression does not compile',
    example: 'regex "[a-" is not a valid regular expression: missing ]',
    fix: 'fix the pattern; Java-only syntax (possessive quantifiers …) is named in the hint',
  },
  'backtracking-regex': {
    meaning: 'a regular expression runs on a backtracking engine, so a crafted input may be slow (warning)',
    example: '/(a+)+$/ runs on a backtracking engine: nested quantifier',
    fix: 'rewrite it without backreferences, lookaround or nested quantifiers',
  },
  'script-and-resource': {
    meaning: 'an element has both a script as its text and resource="…"',
    example: '<ee:set-payload> has both a script and resource="map.jsonata"; keep one',
    fix: 'keep the text or the resource',
  },
  'missing-script': {
    meaning: 'an element that needs a script has none',
    example: '<ee:set-payload> needs a script (DataWeave or JSONata) as its text or in a resource file',
    fix: 'write the script, or name its file with resource="…"',
  },
  'dataweave-syntax': {
    meaning: 'a DataWeave script or expression does not parse',
    example: 'Invalid input "}", expected Expression (line 4, column 12)',
    fix: 'fix the script at the caret; in an app whose expressions are JSONata, a #[…] in DataWeave gets a hint naming the setting',
  },
  'dataweave-compile': {
    meaning: 'a DataWeave script names a function, variable or module that does not exist',
    example: "Unable to resolve reference of: 'sizeof' (line 3, column 1)",
    fix: 'use the name the did-you-mean hint gives, or import the module (import * from dw::core::Strings)',
  },
  'dataweave-format': {
    meaning: 'a DataWeave output or input directive names a format flowrt does not read or write',
    example: 'Unknown content type application/x-foo',
    fix: 'use one of the formats docs/dataweave.md lists',
  },
  'invalid-json-schema': {
    meaning: 'a JSON schema file is not JSON, not an object, or not a valid schema of its draft',
    example: 'schema schemas/order.json is not valid JSON: Unexpected token } in JSON at position 12',
    fix: 'fix the schema file',
  },
  'schema-outside-app': {
    meaning: 'a schema that is not a file of the app (a URL …)',
    example: 'schema="https://example.com/order.json" is not a file of the app',
    fix: 'copy the schema into the app and name its path',
  },
  'unsupported-schema-draft': {
    meaning: 'a JSON Schema draft flowrt does not validate (draft-03, an unknown $schema)',
    example: 'schemas/order.json: JSON Schema draft-03 is not supported',
    fix: 'declare draft-04, -06, -07, 2019-09 or 2020-12 in $schema',
  },
  'json-schema-warning': {
    meaning: 'the schema compiler warns about a schema (warning)',
    example: 'schemas/order.json: unknown format "decimal" ignored in schema at path "#/properties/total"',
    fix: 'fix the schema where the warning points',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
