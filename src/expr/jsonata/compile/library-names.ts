/**
 * The functions the jsonata library defines (jsonata 2.x). An expression calling one that
 * BUILTINS does not provide is left to the library whole; `$eval` always is, since it parses and
 * evaluates text at run time in the caller's scope.
 */
export const LIBRARY_FUNCTIONS: ReadonlySet<string> = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad match ' +
    'contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs sqrt power ' +
    'random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse each error assert ' +
    'type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl eval ' +
    'toMillis fromMillis clone now millis'
  ).split(' '),
);

/** Functions no compiled expression runs. */
export const NEVER_COMPILED: ReadonlySet<string> = new Set(['eval']);
