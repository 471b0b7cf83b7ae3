import { rm } from 'node:fs/promises';
import { relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { load, NAMESPACES, start } from '../helpers/app.js';

let app: TestApp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A Mule file declaring the validation namespace; as with `mule()`, the body starts on line 4. */
function muleFile(body: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mule ${NAMESPACES} xmlns:validation="http://www.mulesoft.org/schema/mule/validation">`,
    '<http:listener-config name="listener"><http:listener-connection host="127.0.0.1" port="0"/></http:listener-config>',
    body,
    '</mule>',
    '',
  ].join('\n');
}

const REPORT = `<set-payload value="#[error.errorType.namespace &amp; ':' &amp; error.errorType.identifier &amp; ' | ' &amp; error.description]"/>`;

/** POST /t runs `step` on the JSON body, then answers "valid"; a handler of `handled` reports the error's type and description. */
async function run(step: string, handled = 'ANY'): Promise<void> {
  app = await start(
    muleFile(`<flow name="f"><http:listener config-ref="listener" path="/t"/>${step}<set-payload value="valid"/>
    <error-handler><on-error-continue type="${handled}">${REPORT}</on-error-continue></error-handler></flow>`),
  );
}

async function post(body: unknown): Promise<string> {
  const res = await fetch(app!.url('/t'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.text();
}

/** Load errors as `message @ line:col`. */
async function loadErrors(body: string): Promise<string[]> {
  const loaded = await load({ 'flows/app.xml': muleFile(body) });
  dirs.push(loaded.dir);
  return loaded.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.message} @ ${d.loc ? `${relative(loaded.dir, d.loc.file)}:${d.loc.line}:${d.loc.col}` : '?'}`);
}

describe('validation error types', () => {
  it('raises its error as its error-mapping says, description kept', async () => {
    await run(
      `<validation:is-true expression="#[payload.ok]" message="not ok"><error-mapping sourceType="VALIDATION:INVALID_BOOLEAN" targetType="ORDERS:REJECTED"/></validation:is-true>`,
      'ORDERS:REJECTED',
    );
    expect(await post({ ok: false })).toBe('ORDERS:REJECTED | not ok');
    expect(await post({ ok: true })).toBe('valid');
  });

  it('places every type under VALIDATION:VALIDATION, under MULE:VALIDATION, which catches them', async () => {
    const chain = `#[error.errorType.identifier &amp; ' &lt; ' &amp; error.errorType.parentErrorType.namespace &amp; ':' &amp; error.errorType.parentErrorType.identifier
      &amp; ' &lt; ' &amp; error.errorType.parentErrorType.parentErrorType.namespace &amp; ':' &amp; error.errorType.parentErrorType.parentErrorType.identifier]`;
    app = await start(
      muleFile(`<flow name="f"><http:listener config-ref="listener" path="/t"/><validation:is-email email="#[payload.email]"/>
      <error-handler><on-error-continue type="MULE:VALIDATION"><set-payload value="${chain}"/></on-error-continue></error-handler></flow>`),
    );
    expect(await post({ email: 'nope' })).toBe('INVALID_EMAIL < VALIDATION:VALIDATION < MULE:VALIDATION');
  });

  it('is caught by VALIDATION:VALIDATION', async () => {
    await run('<validation:is-not-null value="#[payload.id]"/>', 'VALIDATION:VALIDATION');
    expect(await post({})).toBe('VALIDATION:NULL | value is null');
  });

  it('is not caught by a handler of a sibling type: the error propagates with its description', async () => {
    await run('<validation:is-not-null value="#[payload.id]"/>', 'VALIDATION:INVALID_EMAIL');
    const res = await fetch(app!.url('/t'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('value is null');
  });

  it('belongs to the module: raise-error cannot raise it, and a handler must name a real one', async () => {
    expect(await loadErrors('<flow name="f">\n<raise-error type="VALIDATION:NULL"/>\n</flow>')).toEqual([
      'cannot raise VALIDATION:NULL: the VALIDATION namespace belongs to a module; raise a core MULE type or use a namespace of your own, e.g. APP:NULL @ flows/app.xml:5:20',
    ]);
    const errors = await loadErrors('<flow name="f"><logger/><error-handler><on-error-continue type="VALIDATION:INVALID_MAIL"/></error-handler></flow>');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^there is no error type VALIDATION:INVALID_MAIL/);
  });
});

describe('validation:is-true and is-false', () => {
  it('is-true passes a true expression and fails a false one with INVALID_BOOLEAN', async () => {
    await run('<validation:is-true expression="#[payload.ok]"/>', 'VALIDATION:INVALID_BOOLEAN');
    expect(await post({ ok: true })).toBe('valid');
    expect(await post({ ok: 'true' })).toBe('valid');
    expect(await post({ ok: false })).toBe('VALIDATION:INVALID_BOOLEAN | Value was expected to be true but it was false instead');
    expect(await post({})).toBe('VALIDATION:INVALID_BOOLEAN | Value was expected to be true but it was false instead');
  });

  it('is-false passes a false expression and fails a true one with INVALID_BOOLEAN', async () => {
    await run('<validation:is-false expression="#[payload.blocked]"/>', 'VALIDATION:INVALID_BOOLEAN');
    expect(await post({ blocked: false })).toBe('valid');
    expect(await post({ blocked: true })).toBe('VALIDATION:INVALID_BOOLEAN | Value was expected to be false but it was true instead');
  });

  it('uses a custom message, evaluated only when the validation fails', async () => {
    await run(`<validation:is-true expression="#[payload.qty &gt; 0]" message="#['quantity ' &amp; payload.qty &amp; ' must be positive']"/>`);
    expect(await post({ qty: 2 })).toBe('valid');
    expect(await post({ qty: -1 })).toBe('VALIDATION:INVALID_BOOLEAN | quantity -1 must be positive');
  });

  it('fails with MULE:EXPRESSION when the expression is not a boolean', async () => {
    await run('<validation:is-true expression="#[payload.ok]"/>');
    expect(await post({ ok: 3 })).toBe('MULE:EXPRESSION | condition "#[payload.ok]" returned 3, not a boolean');
  });

  it('rejects at load a literal that is not true or false', async () => {
    expect(await loadErrors('<flow name="f">\n<validation:is-true expression="payload.ok"/>\n</flow>')).toEqual([
      'expression="payload.ok" on <validation:is-true> must be true or false @ flows/app.xml:5:33',
    ]);
  });
});

describe('validation:is-null and is-not-null', () => {
  it('is-null passes null or missing and fails anything else with NOT_NULL', async () => {
    await run('<validation:is-null value="#[payload.id]"/>', 'VALIDATION:NOT_NULL');
    expect(await post({})).toBe('valid');
    expect(await post({ id: null })).toBe('valid');
    expect(await post({ id: 0 })).toBe('VALIDATION:NOT_NULL | value was expected to be null');
  });

  it('is-not-null passes a value, even an empty one, and fails null with NULL', async () => {
    await run('<validation:is-not-null value="#[payload.id]" message="id is required"/>', 'VALIDATION:NULL');
    expect(await post({ id: '' })).toBe('valid');
    expect(await post({ id: null })).toBe('VALIDATION:NULL | id is required');
  });
});

describe('validation:is-empty-collection and is-not-empty-collection', () => {
  it('is-empty-collection checks the payload by default and fails with NOT_EMPTY_COLLECTION', async () => {
    await run('<validation:is-empty-collection/>', 'VALIDATION:NOT_EMPTY_COLLECTION');
    expect(await post([])).toBe('valid');
    expect(await post([1])).toBe('VALIDATION:NOT_EMPTY_COLLECTION | Collection is not empty');
  });

  it('is-not-empty-collection fails an empty or null array with EMPTY_COLLECTION', async () => {
    await run('<validation:is-not-empty-collection values="#[payload.items]"/>', 'VALIDATION:EMPTY_COLLECTION');
    expect(await post({ items: [{ sku: 'a' }] })).toBe('valid');
    expect(await post({ items: [] })).toBe('VALIDATION:EMPTY_COLLECTION | Collection is empty');
    expect(await post({})).toBe('VALIDATION:EMPTY_COLLECTION | value is null');
  });

  it('fails with MULE:EXPRESSION when the value is not an array', async () => {
    await run('<validation:is-not-empty-collection values="#[payload.items]" message="never used"/>');
    expect(await post({ items: { sku: 'a' } })).toBe(
      'MULE:EXPRESSION | values="#[payload.items]" gave an object, where <validation:is-not-empty-collection> needs an array',
    );
  });
});

describe('validation:is-blank-string and is-not-blank-string', () => {
  it('is-blank-string passes empty, whitespace and null, and fails text with NOT_BLANK_STRING', async () => {
    await run('<validation:is-blank-string value="#[payload.note]"/>', 'VALIDATION:NOT_BLANK_STRING');
    expect(await post({ note: ' \t' })).toBe('valid');
    expect(await post({})).toBe('valid');
    expect(await post({ note: 'hi' })).toBe('VALIDATION:NOT_BLANK_STRING | String is not blank');
  });

  it('is-not-blank-string fails blank text and null with BLANK_STRING, and reads numbers as text', async () => {
    await run('<validation:is-not-blank-string value="#[payload.name]"/>', 'VALIDATION:BLANK_STRING');
    expect(await post({ name: 'Ana' })).toBe('valid');
    expect(await post({ name: 7 })).toBe('valid');
    expect(await post({ name: '  ' })).toBe('VALIDATION:BLANK_STRING | String is blank');
    expect(await post({})).toBe('VALIDATION:BLANK_STRING | value is null');
  });
});

describe('validation:is-number', () => {
  it('parses the text as its numberType within inclusive bounds, numbers formatted as Mule writes them', async () => {
    await run('<validation:is-number value="#[payload.qty]" numberType="INTEGER" minValue="10" maxValue="2000"/>', 'VALIDATION:INVALID_NUMBER');
    expect(await post({ qty: '10' })).toBe('valid');
    expect(await post({ qty: 2000 })).toBe('valid');
    expect(await post({ qty: '1,500' })).toBe('valid');
    expect(await post({ qty: '4.5' })).toBe('VALIDATION:INVALID_NUMBER | 4.5 is not a valid INTEGER value');
    expect(await post({ qty: 'ten' })).toBe('VALIDATION:INVALID_NUMBER | ten is not a valid INTEGER value');
    expect(await post({ qty: 5 })).toBe('VALIDATION:INVALID_NUMBER | 5 is lower that 10');
    expect(await post({ qty: '2500' })).toBe('VALIDATION:INVALID_NUMBER | 2,500 is greater that 2,000');
    expect(await post({})).toBe('VALIDATION:INVALID_NUMBER | null is not a valid INTEGER value');
  });

  it('checks the range of each integer type exactly', async () => {
    await run('<validation:is-number value="#[payload.n]" numberType="#[payload.type]" message="#[payload.n &amp; \' is no \' &amp; payload.type]"/>');
    expect(await post({ n: '32767', type: 'SHORT' })).toBe('valid');
    expect(await post({ n: '32768', type: 'SHORT' })).toBe('VALIDATION:INVALID_NUMBER | 32768 is no SHORT');
    expect(await post({ n: '2147483648', type: 'INTEGER' })).toBe('VALIDATION:INVALID_NUMBER | 2147483648 is no INTEGER');
    expect(await post({ n: '9223372036854775807', type: 'LONG' })).toBe('valid');
    expect(await post({ n: '9223372036854775808', type: 'LONG' })).toBe('VALIDATION:INVALID_NUMBER | 9223372036854775808 is no LONG');
    expect(await post({ n: '1.5E3', type: 'DOUBLE' })).toBe('valid');
    expect(await post({ n: '1E39', type: 'FLOAT' })).toBe('VALIDATION:INVALID_NUMBER | 1E39 is no FLOAT');
    expect(await post({ n: '1', type: 'BIG' })).toBe('MULE:EXPRESSION | numberType "BIG" must be one of INTEGER, LONG, SHORT, DOUBLE, FLOAT');
  });

  it('reads the value in the separators of its locale', async () => {
    await run('<validation:is-number value="#[payload.price]" numberType="DOUBLE" locale="de" maxValue="2000"/>', 'VALIDATION:INVALID_NUMBER');
    expect(await post({ price: '1.234,5' })).toBe('valid');
    expect(await post({ price: '1,234.5' })).toBe('VALIDATION:INVALID_NUMBER | 1,234.5 is not a valid DOUBLE value');
    expect(await post({ price: '2.000,25' })).toBe('VALIDATION:INVALID_NUMBER | 2,000.25 is greater that 2,000');
  });

  it('rejects at load an unknown numberType, a bound of the wrong type, an unknown locale and a pattern', async () => {
    expect(
      await loadErrors(
        [
          '<flow name="f">',
          '<validation:is-number value="#[payload]" numberType="BIG"/>',
          '<validation:is-number value="#[payload]" numberType="INTEGER" minValue="1.5"/>',
          '<validation:is-number value="#[payload]" numberType="DOUBLE" locale="xx-nope-nope"/>',
          '<validation:is-number value="#[payload]" numberType="INTEGER" pattern="#,##0"/>',
          '</flow>',
        ].join('\n'),
      ),
    ).toEqual([
      'numberType="BIG" on <validation:is-number> must be one of INTEGER, LONG, SHORT, DOUBLE, FLOAT @ flows/app.xml:5:54',
      'minValue "1.5" of <validation:is-number> is not a valid INTEGER value @ flows/app.xml:6:73',
      'locale "xx-nope-nope" is not a locale this runtime knows @ flows/app.xml:7:70',
      'the pattern attribute of <validation:is-number> is not supported yet @ flows/app.xml:8:63',
    ]);
  });
});

describe('validation:is-email', () => {
  it('passes an address and fails anything else with INVALID_EMAIL', async () => {
    await run('<validation:is-email email="#[payload.email]"/>', 'VALIDATION:INVALID_EMAIL');
    for (const ok of ['ana@example.com', 'first.last+tag@sub.example.co.uk', "o'brien@example.ie", 'ana@[192.168.0.1]'])
      expect(await post({ email: ok }), ok).toBe('valid');
    for (const bad of [
      'ana',
      'ana@',
      '@example.com',
      'ana@example',
      'ana@example.com.',
      ' ana@example.com',
      'a b@example.com',
      'ana@exa_mple.com',
      'a..b@example.com',
    ]) {
      expect(await post({ email: bad }), bad).toBe(`VALIDATION:INVALID_EMAIL | ${bad} is not a valid email address`);
    }
  });

  it('uses a custom message', async () => {
    await run('<validation:is-email email="#[payload.email]" message="Please give a valid email"/>');
    expect(await post({ email: 'x' })).toBe('VALIDATION:INVALID_EMAIL | Please give a valid email');
  });
});

describe('validation:matches-regex', () => {
  it('requires the whole text to match, and fails with MISMATCH', async () => {
    await run('<validation:matches-regex value="#[payload.code]" regex="[A-Z]{3}-\\d+"/>', 'VALIDATION:MISMATCH');
    expect(await post({ code: 'ABC-12' })).toBe('valid');
    expect(await post({ code: 'xABC-12' })).toBe('VALIDATION:MISMATCH | xABC-12 is not valid under the terms of regex [A-Z]{3}-\\d+');
    expect(await post({ code: 'abc-12' })).toBe('VALIDATION:MISMATCH | abc-12 is not valid under the terms of regex [A-Z]{3}-\\d+');
  });

  it('ignores case with caseSensitive="false" or a leading (?i), and accepts Java-style escapes', async () => {
    await run(`<validation:matches-regex value="#[payload.a]" regex="[a-z]+" caseSensitive="false"/>
      <validation:matches-regex value="#[payload.b]" regex="(?i)yes|no"/>
      <validation:matches-regex value="#[payload.c]" regex="[\\w\\-]+\\@\\w+"/>`);
    expect(await post({ a: 'ABC', b: 'YES', c: 'a-b@c' })).toBe('valid');
    expect(await post({ a: 'ABC', b: 'maybe', c: 'a-b@c' })).toBe('VALIDATION:MISMATCH | maybe is not valid under the terms of regex (?i)yes|no');
  });

  it('takes a regex from an expression', async () => {
    await run('<validation:matches-regex value="#[payload.v]" regex="#[payload.re]"/>');
    expect(await post({ v: '2024-01-31', re: '\\d{4}-\\d{2}-\\d{2}' })).toBe('valid');
    expect(await post({ v: 'x', re: '[' })).toMatch(/^MULE:EXPRESSION \| regex "\[" is not a valid regular expression: /);
  });

  it('reports a literal regex that does not compile at its attribute', async () => {
    const errors = await loadErrors(
      '<flow name="f">\n<validation:matches-regex value="#[payload]" regex="[z-a]"/>\n<validation:matches-regex value="#[payload]" regex="\\Aabc\\@"/>\n</flow>',
    );
    expect(errors).toEqual([
      'regex "[z-a]" is not a valid regular expression: Range out of order in character class @ flows/app.xml:5:53',
      'regex "\\Aabc\\@" is not a valid regular expression: \\A is Java-only syntax @ flows/app.xml:6:53',
    ]);
  });

  it('matches a request value in linear time: a pattern that backtracks exponentially answers at once', async () => {
    // On a backtracking engine 40 a's and a ! take hours; the test's own time limit would end it.
    await run(
      '<validation:matches-regex value="#[payload.v]" regex="(a+)+"/><validation:matches-regex value="#[payload.w]" regex="#[payload.re]"/>',
      'VALIDATION:MISMATCH',
    );
    expect(await post({ v: `${'a'.repeat(40)}!`, w: 'x' })).toMatch(/^VALIDATION:MISMATCH \| a+! is not valid/);
    expect(await post({ v: 'aaa', w: `${'x'.repeat(40)}y`, re: '(x+x+)+z' })).toMatch(/^VALIDATION:MISMATCH \| x+y is not valid/);
    expect(await post({ v: 'aaa', w: 'xx', re: '(x+x+)+' })).toBe('valid');
  });

  it('warns at load about a literal regex that needs backtracking, and still runs it', async () => {
    const loaded = await load({ 'flows/app.xml': muleFile('<flow name="f">\n<validation:matches-regex value="#[payload]" regex="(\\w)\\1"/>\n</flow>') });
    dirs.push(loaded.dir);
    expect(loaded.diagnostics.map((d) => [d.severity, d.message, d.loc?.line])).toEqual([
      ['warning', 'regex "(\\w)\\1" runs on a backtracking engine: it uses a backreference', 5],
    ]);
    await run('<validation:matches-regex value="#[payload.v]" regex="(\\w)\\1"/>', 'VALIDATION:MISMATCH');
    expect(await post({ v: 'aa' })).toBe('valid');
    expect(await post({ v: 'ab' })).toMatch(/^VALIDATION:MISMATCH/);
  });
});

describe('validation:validate-size', () => {
  it('measures strings, arrays and objects against inclusive bounds, and fails with INVALID_SIZE', async () => {
    await run('<validation:validate-size value="#[payload.v]" min="2" max="3"/>', 'VALIDATION:INVALID_SIZE');
    expect(await post({ v: 'ab' })).toBe('valid');
    expect(await post({ v: [1, 2, 3] })).toBe('valid');
    expect(await post({ v: { a: 1, b: 2 } })).toBe('valid');
    expect(await post({ v: 'a' })).toBe('VALIDATION:INVALID_SIZE | value a was expected to have a length of at least 2 characters but it only has 1');
    expect(await post({ v: [1, 2, 3, 4] })).toBe(
      'VALIDATION:INVALID_SIZE | value [1,2,3,4] was expected to have a length of at most 3 characters but it has 4',
    );
    expect(await post({})).toBe('VALIDATION:INVALID_SIZE | Cannot check size of a null value');
  });

  it('has no upper bound without max, takes bounds from expressions and uses a custom message', async () => {
    await run('<validation:validate-size value="#[payload.v]" min="#[payload.min]" message="too short"/>');
    expect(await post({ v: 'x'.repeat(5000), min: 1 })).toBe('valid');
    expect(await post({ v: 'abc', min: 4 })).toBe('VALIDATION:INVALID_SIZE | too short');
    expect(await post({ v: 'abc', min: 'four' })).toBe(
      'MULE:EXPRESSION | min="#[payload.min]" gave a string, where <validation:validate-size> needs a whole number',
    );
  });
});

describe('validation:config', () => {
  it('may be named by any validation operation, as Studio writes it', async () => {
    app = await start(
      muleFile(`<validation:config name="Validation_Config" doc:name="Validation Config"/>
    <flow name="f"><http:listener config-ref="listener" path="/t"/>
      <validation:is-true config-ref="Validation_Config" expression="#[payload.ok]" message="not ok"/>
      <validation:is-not-blank-string config-ref="Validation_Config" value="#[payload.name]"/>
      <set-payload value="valid"/>
      <error-handler><on-error-continue>${REPORT}</on-error-continue></error-handler></flow>`),
    );
    expect(await post({ ok: true, name: 'Ann' })).toBe('valid');
    expect(await post({ ok: false, name: 'Ann' })).toBe('VALIDATION:INVALID_BOOLEAN | not ok');
  });

  it('is refused where a config-ref names none, and its i18n is reported as not applied', async () => {
    const loaded = await load({
      'flows/app.xml': muleFile(`<validation:config name="v"><validation:i18n bundlePath="messages.properties" locale="es"/></validation:config>
    <flow name="f"><validation:is-true config-ref="nope" expression="#[true]"/></flow>`),
    });
    dirs.push(loaded.dir);
    const shown = loaded.diagnostics.map((d) => `${d.severity}: ${d.message}`);
    expect(shown).toContain('warning: validation:i18n is not applied: default messages stay in English');
    expect(shown.filter((s) => s.startsWith('error'))).toEqual([expect.stringContaining('"nope"')]);
  });
});
