import type { CodeDoc } from './code-doc.js';

/** Elements, attributes and references: each code with what it means, a message it comes with and what to do. */
export const ELEMENT_CODES = {
  'unknown-element': {
    meaning: 'an element flowrt does not know, often a typo',
    example: 'unknown element <set-payloads>; did you mean <set-payload>?',
    fix: 'fix the name the hint suggests',
  },
  'unsupported-element': {
    meaning: 'a Mule element or parameter flowrt does not support yet',
    example: "<db:select> belongs to Mule's Database module, which flowrt does not support yet",
    fix: 'remove it, or do the work another way (docs/flows.md lists what is supported)',
  },
  'misplaced-element': {
    meaning: 'a known element where it cannot stand (a source after the first step, a global inside a flow …)',
    example: '<http:listener> is a message source: it must be the first element of its flow',
    fix: 'move the element where the message says',
  },
  'unknown-attribute': {
    meaning: 'an attribute the element does not have, often a typo',
    example: 'unknown attribute "vlaue" on <set-payload>; did you mean "value"?',
    fix: 'fix the name the hint suggests',
  },
  'unsupported-attribute': {
    meaning: 'a Mule parameter flowrt does not support yet',
    example: 'the pattern attribute of <validation:is-number> is not supported yet',
    fix: 'remove it; the hint says how to get the same effect',
  },
  'unsupported-value': {
    meaning: 'an attribute value flowrt does not support yet',
    example: 'allowDuplicateKeys="false" is not supported yet: a repeated key keeps its last value',
    fix: 'remove the attribute, or give the supported value',
  },
  'invalid-value': {
    meaning: 'an attribute value outside what the element accepts (one of a list, a number, true/false)',
    example: 'method="GETT" on <http:request> must be one of GET, POST …',
    fix: 'give a value the message lists',
  },
  'missing-attribute': {
    meaning: 'a required attribute is missing or empty',
    example: '<flow-ref> needs the attribute name',
    fix: 'add the attribute',
  },
  'missing-element': {
    meaning: 'a required child element is missing',
    example: '<choice> needs a <when> element',
    fix: 'add the child element',
  },
  'too-many': {
    meaning: 'more children of one kind than the element allows',
    example: '<http:request> may contain at most 1 <http:body>',
    fix: 'keep one',
  },
  'unexpected-text': {
    meaning: 'text inside an element that takes none',
    example: '<logger> takes no text content',
    fix: 'remove the text, or move it into the attribute that takes it',
  },
  'duplicate-name': {
    meaning: 'two global elements share a name',
    example: 'duplicate global name "api-config": <http:listener-config> here and <http:request-config> at flows/app.xml:4:3',
    fix: 'rename one of them',
  },
  'duplicate-configuration': {
    meaning: 'an app has more than one <configuration>',
    example: 'an app may have one <configuration> element',
    fix: 'merge them into one',
  },
  'duplicate-parameter': {
    meaning: 'a parameter given both as an attribute and as a child element',
    example: 'scopes is given twice: as an attribute and as <oauth2-provider:scopes>',
    fix: 'keep one of them',
  },
  'dangling-ref': {
    meaning: 'a reference names no global element',
    example: 'config-ref="api-confg" on <http:listener> names no global element; did you mean "api-config"?',
    fix: 'fix the name, or declare the global element',
  },
  'wrong-ref': {
    meaning: 'a reference names a global element of the wrong kind',
    example: '"orders" is a <flow>, but a <http:listener-config> is needed here',
    fix: 'name an element of the kind the message asks for',
  },
  'dangling-flow-ref': {
    meaning: 'a flow-ref (or autodiscovery flowRef) names no flow or sub-flow',
    example: 'flow-ref "proces-order" names no flow or sub-flow; did you mean "process-order"?',
    fix: 'fix the name',
  },
  'sub-flow-cycle': {
    meaning: 'sub-flows call each other without end',
    example: 'sub-flows call each other without end: a → b → a',
    fix: 'break the cycle; use a flow (which can stop on a condition) where recursion is meant',
  },
  'source-in-sub-flow': {
    meaning: 'a sub-flow has a message source',
    example: 'a sub-flow cannot have a message source like <http:listener>; use a flow',
    fix: 'make it a <flow>',
  },
  'build-failed': {
    meaning: 'an element could not be built and no more specific problem was reported',
    example: '<set-payload> could not be built',
    fix: 'report it as a flowrt bug, with the element',
  },
  'value-below-minimum': {
    meaning: 'a number below the least the element accepts',
    example: 'maxConcurrency must be at least 1',
    fix: 'give a number at least as large as the message says',
  },
  'too-few-routes': {
    meaning: 'a scatter-gather with fewer than two routes',
    example: 'a scatter-gather needs at least two routes',
    fix: 'add a route, or run the single route without scatter-gather',
  },
  'reconnect-forever-not-allowed': {
    meaning: 'reconnect-forever where a request would wait without end',
    example: 'reconnect-forever is not supported on an http:request: a request would wait without end',
    fix: 'use <reconnect count="…" frequency="…"/>',
  },
  'conflicting-validators': {
    meaning: 'an http:response-validator with both a success and a failure validator',
    example: 'an http:response-validator takes one validator',
    fix: 'keep one of them',
  },
  'invalid-status-codes': {
    meaning: "a status-code validator's values cannot be read",
    example: 'values: "2xx" is not a status code or range (200..299)',
    fix: 'list codes and ranges, e.g. values="200,201,300..399"',
  },
  'invalid-number-bound': {
    meaning: 'a constant minValue or maxValue of <validation:is-number> is not a number of its numberType',
    example: 'minValue "ten" of <validation:is-number> is not a valid INTEGER value',
    fix: 'give a number of the numberType',
  },
  'unknown-locale': {
    meaning: 'a locale the runtime does not know',
    example: 'locale "xx_YY" is not a locale this runtime knows',
    fix: 'use a BCP 47 or Java locale, e.g. en_US',
  },
  'ignored-setting': {
    meaning: 'a setting flowrt accepts but does not apply (warning): the app runs without it',
    example: 'allowArbitraryPrecision has no effect: flowrt reads JSON numbers as doubles',
    fix: 'remove the setting, or follow the hint where the effect matters',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
