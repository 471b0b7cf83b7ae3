import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_GROUPS, isDiagnosticCode } from '../../src/errors/diagnostic-codes.js';

// As fastify's test/internals/errors.test.js keeps Errors.md in step with lib/errors.js.
const DOC = readFileSync(join('docs', 'diagnostics.md'), 'utf8');
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The rows of the doc's code tables: code → the row's text. */
function documentedCodes(): Map<string, string> {
  const rows = new Map<string, string>();
  const section = DOC.slice(DOC.indexOf('## Diagnostic codes'), DOC.indexOf('## Runtime errors'));
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z0-9-]+)` \|/.exec(line);
    if (m) rows.set(m[1]!, line);
  }
  return rows;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('docs/diagnostics.md', () => {
  it('documents every diagnostic code of the catalogue', () => {
    const documented = documentedCodes();
    expect(Object.keys(DIAGNOSTIC_CODES).filter((c) => !documented.has(c))).toEqual([]);
  });

  it('documents no code the catalogue does not have', () => {
    expect([...documentedCodes().keys()].filter((c) => !isDiagnosticCode(c))).toEqual([]);
  });

  it('says of each code what the catalogue says: meaning, example and fix', () => {
    const documented = documentedCodes();
    const differing = Object.entries(DIAGNOSTIC_CODES)
      .filter(([code, d]) => documented.get(code) !== `| \`${code}\` | ${cell(d.meaning)} | ${cell(d.example)} | ${cell(d.fix)} |`)
      .map(([code]) => code);
    expect(differing).toEqual([]);
  });

  it('lists every runtime error class that extends FlowrtError', () => {
    const classes = sourceFiles('src').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/class (\w+) extends FlowrtError\b/g)].map((m) => m[1]!));
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter((c) => !DOC.includes(`| \`${c}\` |`))).toEqual([]);
  });
});

describe('the diagnostic catalogue', () => {
  it('gives each code one group, so no group silently overrides another', () => {
    const all = DIAGNOSTIC_GROUPS.flatMap((g) => Object.keys(g.codes));
    expect(all.length).toBe(new Set(all).size);
    expect(all.length).toBe(Object.keys(DIAGNOSTIC_CODES).length);
  });

  it('has stable kebab-case codes, each with a meaning, an example and a fix', () => {
    for (const [code, d] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect([d.meaning, d.example, d.fix].every((t) => t.trim() !== '')).toBe(true);
    }
  });

  it('knows its own codes and nothing else', () => {
    expect(isDiagnosticCode('listener-port-out-of-range')).toBe(true);
    expect(isDiagnosticCode('constructor')).toBe(false);
    expect(isDiagnosticCode(42)).toBe(false);
  });
});
