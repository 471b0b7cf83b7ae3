import { describe, expect, it } from 'vitest';
import { MULE } from '../../src/errors/catalog/index.js';
import { FlowError } from '../../src/errors/flow-error.js';
import { createLibrary } from '../../src/expr/functions.js';
import type { Value, ValueKind } from '../../src/expr/value.js';
import { compileValue, toText, wholeExpression } from '../../src/expr/value.js';
import { FlowEvent } from '../../src/runtime/event.js';

const options = { library: createLibrary({ property: () => undefined }) };
const at = { file: 'flows/app.xml', line: 3, col: 10 };
const event = FlowEvent.create({ payload: { total: 42, items: [{ n: 1 }, { n: 2 }] }, attributes: { method: 'GET' } }, 'corr-1', { who: 'world' });

function value(kind: ValueKind, text: string): Value {
  const compiled = compileValue(kind, text, at, options);
  if (!compiled.value) throw new Error(`did not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  return compiled.value;
}

const evaluate = (kind: ValueKind, text: string): Promise<unknown> => value(kind, text).evaluate(event);

describe('literal values', () => {
  it('are never evaluated, even when they look like expressions', async () => {
    const v = value('literal', '#[payload.total]');
    expect(v.constant).toBe(true);
    expect(await v.evaluate(event)).toBe('#[payload.total]');
  });
});

describe('expression-supported values', () => {
  it('read plain text as a constant literal', async () => {
    const v = value('expression-supported', 'payload.total');
    expect(v.constant).toBe(true);
    expect(await v.evaluate(event)).toBe('payload.total');
  });

  it('evaluate a value that is wholly #[...]', async () => {
    const v = value('expression-supported', '#[payload.total + 1]');
    expect(v.constant).toBe(false);
    expect(await v.evaluate(event)).toBe(43);
  });

  it('read text with an embedded #[...] as a literal, with a warning', async () => {
    const compiled = compileValue('expression-supported', 'Hello #[vars.who]', at, options);
    expect(await compiled.value?.evaluate(event)).toBe('Hello #[vars.who]');
    expect(compiled.diagnostics).toEqual([expect.objectContaining({ code: 'literal-with-expression', severity: 'warning' })]);
  });

  it('read two expressions side by side as a literal', async () => {
    expect(await evaluate('expression-supported', '#[1] #[2]')).toBe('#[1] #[2]');
  });

  it('find the closing bracket past nested brackets and brackets in strings', async () => {
    expect(await evaluate('expression-supported', '#[payload.items[1].n]')).toBe(2);
    expect(await evaluate('expression-supported', `#['a]b' & "c]"]`)).toBe('a]bc]');
  });
});

describe('expression-required values', () => {
  it('evaluate bare text as an expression', async () => {
    expect(await evaluate('expression', 'payload.total > 40')).toBe(true);
  });

  it('evaluate text wrapped in #[...] the same way', async () => {
    expect(await evaluate('expression', '#[payload.total > 50]')).toBe(false);
  });
});

describe('template values', () => {
  it('interpolate each #[...] into the text', async () => {
    expect(await evaluate('template', 'Sum is #[payload.total] for #[vars.who]')).toBe('Sum is 42 for world');
  });

  it('print structures as JSON and missing values as null', async () => {
    expect(await evaluate('template', 'first=#[payload.items[0]] missing=#[vars.nope]')).toBe('first={"n":1} missing=null');
  });

  it('are constant when they hold no expression', async () => {
    const v = value('template', 'just text [with brackets]');
    expect(v.constant).toBe(true);
    expect(await v.evaluate(event)).toBe('just text [with brackets]');
  });
});

describe('expression scope', () => {
  it('sees payload, attributes, vars, correlationId and message', async () => {
    const all = `#[[payload.total, attributes.method, vars.who, correlationId, message.payload.total, message.attributes.method]]`;
    expect(await evaluate('expression-supported', all)).toEqual([42, 'GET', 'world', 'corr-1', 42, 'GET']);
  });

  it('binds $payload, $vars … for use inside nested scopes', async () => {
    const nested = '#[$map(payload.items, function($i) { $i.n + $payload.total + ($vars.who = "world" ? 100 : 0) })]';
    expect(await evaluate('expression-supported', nested)).toEqual([143, 144]);
  });

  it('sees the error of an event in an error handler', async () => {
    const failed = event.with({ error: new FlowError(MULE.ROUTING, 'no route') });
    const v = value('expression-supported', '#[error.description & " " & error.errorType.namespace & ":" & error.errorType.identifier]');
    expect(await v.evaluate(failed)).toBe('no route MULE:ROUTING');
  });
});

describe('expression problems', () => {
  it('report a syntax error as a diagnostic located inside the attribute', () => {
    const compiled = compileValue('expression-supported', '#[payload.(]', at, options);
    expect(compiled.value).toBeUndefined();
    const [d] = compiled.diagnostics;
    expect(d).toMatchObject({ code: 'expression-syntax', severity: 'error', loc: { file: 'flows/app.xml', line: 3 } });
    expect(d!.loc!.col).toBeGreaterThan(at.col + 1);
  });

  it('hint at the JSONata form of a DataWeave operator', () => {
    const compiled = compileValue('expression', 'payload.a == 1', at, options);
    expect(compiled.diagnostics[0]?.hint).toMatch(/=/);
  });

  it('raise MULE:EXPRESSION when evaluation fails', async () => {
    const failure = await evaluate('expression-supported', `#[$number('not a number')]`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(FlowError);
    expect((failure as FlowError).type).toBe(MULE.EXPRESSION);
  });
});

describe('wholeExpression', () => {
  it('gives the body and where it starts, ignoring surrounding whitespace', () => {
    expect(wholeExpression('  #[a + 1]  ')).toEqual({ body: 'a + 1', offset: 4 });
  });

  it('gives nothing for text that is not wholly one expression', () => {
    expect(wholeExpression('x #[a]')).toBeUndefined();
    expect(wholeExpression('#[a] y')).toBeUndefined();
    expect(wholeExpression('#[a')).toBeUndefined();
  });
});

describe('toText', () => {
  it('writes strings as they are, structures as JSON and nothing as empty', () => {
    expect(toText('a')).toBe('a');
    expect(toText({ a: [1] })).toBe('{"a":[1]}');
    expect(toText(42)).toBe('42');
    expect(toText(false)).toBe('false');
    expect(toText(null)).toBe('');
    expect(toText(undefined)).toBe('');
  });
});
