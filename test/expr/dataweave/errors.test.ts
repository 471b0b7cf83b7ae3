import { describe, expect, it } from 'vitest';
import { DataWeaveSyntaxError } from '../../../src/expr/dataweave/errors.js';
import { parseDataWeave } from '../../../src/expr/dataweave/parser.js';

function syntaxError(src: string): DataWeaveSyntaxError {
  try {
    parseDataWeave(src);
  } catch (e) {
    if (e instanceof DataWeaveSyntaxError) return e;
    throw e;
  }
  throw new Error(`parsed: ${src}`);
}

describe('DataWeave syntax errors', () => {
  it.each([
    ['1 +', 'Unexpected end of input, expected Expression', 1, 4],
    ['{a 1}', 'Invalid input "1", expected ":"', 1, 4],
    ['[1, 2', 'Unexpected end of input, expected "]"', 1, 6],
    ['if (a) 1', 'Unexpected end of input, expected "else"', 1, 9],
    ['a.', 'Unexpected end of input, expected Selector', 1, 3],
    ['"abc', 'Unterminated string', 1, 1],
    ['|2024-1-31|', 'Invalid date literal |2024-1-31|', 1, 1],
    ['a ~ b', 'Invalid input "~"', 1, 3],
    ['1 2', 'Invalid input "2", expected end of input', 1, 3],
    ['(a, b)', 'Invalid input ",", expected ")"', 1, 3],
    ['x match { }', 'Invalid input "}", expected "case"', 1, 11],
    ['f(1', 'Unexpected end of input, expected ")"', 1, 4],
    ['"$(1 +)"', 'Unexpected end of input, expected Expression', 1, 7],
    ['"a $(b ])"', 'Invalid input "]", expected end of input', 1, 8],
  ])('rejects %s with "%s" at %i:%i', (src, message, line, col) => {
    const e = syntaxError(src);
    expect(e.message).toContain(message);
    expect([e.line, e.col]).toEqual([line, col]);
  });

  it('points at the line of a multi-line script', () => {
    const e = syntaxError('%dw 2.0\noutput application/json\n---\n{\n  a: 1,\n  b: ,\n}');
    expect([e.line, e.col]).toEqual([6, 6]);
    expect(e.message).toBe('Invalid input ",", expected Expression (line 6, column 6)');
  });

  it('requires the separator after a header', () => {
    expect(syntaxError('%dw 2.0\noutput json\npayload').message).toContain('expected "---"');
  });

  it('rejects an unknown MIME type shape', () => {
    expect(syntaxError('output /json\n---\n1').message).toContain('expected a MIME type');
  });

  it('rejects an import list without "from"', () => {
    expect(syntaxError('import a, b\n---\n1').message).toContain('expected "from"');
  });

  it('is a flowrt error with a code', () => {
    expect(syntaxError('{').code).toBe('dataweave-syntax');
  });
});
