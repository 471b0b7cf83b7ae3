import { describe, expect, it } from 'vitest';
import { readManager } from '../../src/gateway/read-manager.js';
import { POLICIES } from '../../src/policies/index.js';

const problems = (text: string) => readManager(text, 'api-manager.yaml', POLICIES).diagnostics.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.message}`);

describe('reading api-manager.yaml', () => {
  it('accepts a document and gives it back as data', () => {
    const read = readManager('gatekeeper: strict\napis:\n  - apiId: 42\n    policies: []\n', 'm.yaml', POLICIES);
    expect(read.diagnostics).toEqual([]);
    expect(read.doc).toEqual({ gatekeeper: 'strict', apis: [{ apiId: 42, policies: [] }] });
  });

  it('reports YAML syntax errors at their line', () => {
    expect(problems('apis:\n  - apiId: a\n   policies: []\n')[0]).toMatch(/^3:\d+ invalid YAML/);
  });

  it('reports schema problems at the value, unknown keys at the key', () => {
    expect(problems('gatekeeper: loose\napis:\n  - apiId: a\n    polices: []\n')).toEqual([
      '1:13 /gatekeeper: must be one of "strict", "flexible", "disabled"',
      '4:5 /apis/0: unknown property "polices"',
    ]);
  });

  it("checks each policy configuration against its kind's schema", () => {
    expect(problems('apis:\n  - apiId: a\n    policies:\n      - id: header-injection\n        config:\n          inboundHeaders: [{ key: x }]\n')).toEqual([
      "6:28 /apis/0/policies/0/config/inboundHeaders/0: must have required property 'value'",
    ]);
  });

  it('reports an unknown policy kind', () => {
    expect(problems('apis:\n  - apiId: a\n    policies:\n      - id: nope\n')[0]).toMatch(/^4:\d+ \/apis\/0\/policies\/0\/id: must be one of/);
  });

  it('reports duplicate apiIds and policy names, and regexes that do not compile', () => {
    const text = [
      'apis:',
      '  - apiId: a',
      '    policies:',
      '      - id: header-injection',
      '        pointcut: [{ uriTemplateRegex: "(" }]',
      '      - id: header-injection',
      '  - apiId: a',
    ].join('\n');
    expect(problems(text).map((p) => p.replace(/: .*regular expression.*/, ': bad regex'))).toEqual([
      '5:40 uriTemplateRegex is not a valid regular expression: bad regex',
      '6:9 API a applies "header-injection" twice; give one a different name',
      '7:12 apiId a is listed twice',
    ]);
  });
});
