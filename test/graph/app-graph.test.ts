import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/dsl/parse-xml.js';
import type { Diagnostic } from '../../src/errors/diagnostic.js';
import { buildGraph } from '../../src/graph/app-graph.js';
import type { XmlFile } from '../../src/model/element.js';

const NS = 'xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:http="http://www.mulesoft.org/schema/mule/http"';

/** A flow file whose body starts on line 2. */
function file(path: string, body: string): XmlFile {
  const parsed = parseXml(path, `<mule ${NS}>\n${body}\n</mule>`);
  expect(parsed.diagnostics).toEqual([]);
  return { path, root: parsed.root! };
}

const graphOf = (...files: XmlFile[]) => buildGraph(files);
const summary = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, message: d.message, at: d.loc && `${d.loc.file}:${d.loc.line}:${d.loc.col}` }));

describe('buildGraph', () => {
  describe('global names', () => {
    it('joins the named top-level elements of every file into one namespace', () => {
      const { graph, diagnostics } = graphOf(
        file('a.xml', '<http:listener-config name="api"/>\n<flow name="main"/>'),
        file('b.xml', '<sub-flow name="helper"/>\n<error-handler name="handler"/>'),
      );
      expect(diagnostics).toEqual([]);
      expect([...graph.globals.keys()]).toEqual(['api', 'main', 'helper', 'handler']);
      expect(graph.flows.map((f) => f.attrs.get('name')!.value)).toEqual(['main', 'helper']);
    });

    it('keeps unnamed directives out of the namespace', () => {
      const { graph } = graphOf(file('a.xml', '<configuration-properties file="app.yaml"/>\n<global-property name="x" value="1"/>\n<import file="b.xml"/>'));
      expect([...graph.globals.keys()]).toEqual([]);
      expect(graph.directives.map((d) => d.key)).toEqual(['configuration-properties', 'global-property', 'import']);
    });

    it('reports a name used twice across files at the second, naming the first', () => {
      const { diagnostics } = graphOf(file('a.xml', '<flow name="main"/>'), file('b.xml', '<sub-flow name="x"/>\n  <flow name="main"/>'));
      expect(summary(diagnostics)).toEqual([
        { code: 'duplicate-name', message: 'duplicate global name "main": <flow> here and <flow> at a.xml:2:1', at: 'b.xml:3:9' },
      ]);
    });

    it('reports a config and a flow sharing a name', () => {
      const { diagnostics } = graphOf(file('a.xml', '<http:listener-config name="main"/>\n<flow name="main"/>'));
      expect(summary(diagnostics)).toEqual([
        { code: 'duplicate-name', message: 'duplicate global name "main": <flow> here and <http:listener-config> at a.xml:2:1', at: 'a.xml:3:7' },
      ]);
    });

    it('rejects a file whose root is not <mule>', () => {
      const parsed = parseXml('a.xml', '<flows/>');
      const { diagnostics } = buildGraph([{ path: 'a.xml', root: parsed.root! }]);
      expect(summary(diagnostics)).toEqual([
        { code: 'bad-root', message: "the root element must be <mule> in Mule's core namespace, not <flows>", at: 'a.xml:1:1' },
      ]);
    });
  });

  describe('references', () => {
    it('accepts a config-ref to a global in another file', () => {
      const { diagnostics } = graphOf(
        file('a.xml', '<http:listener-config name="api"/>'),
        file('b.xml', '<flow name="f"><http:listener config-ref="api" path="/"/></flow>'),
      );
      expect(diagnostics).toEqual([]);
    });

    it('reports a dangling config-ref at its value', () => {
      const { diagnostics } = graphOf(file('a.xml', '<flow name="f">\n  <http:listener config-ref="api" path="/"/>\n</flow>'));
      expect(summary(diagnostics)).toEqual([
        { code: 'dangling-ref', message: 'config-ref="api" on <http:listener> names no global element', at: 'a.xml:3:30' },
      ]);
    });

    it('suggests a name that differs only in case', () => {
      const { diagnostics } = graphOf(file('a.xml', '<http:listener-config name="API"/>\n<flow name="f"><http:listener config-ref="api" path="/"/></flow>'));
      expect(diagnostics.map((d) => d.message)).toEqual(['config-ref="api" on <http:listener> names no global element; did you mean "API"?']);
    });

    it('leaves a config-ref written as an expression to run time', () => {
      const { diagnostics } = graphOf(file('a.xml', '<flow name="f"><x config-ref="#[vars.cfg]"/></flow>'));
      expect(diagnostics).toEqual([]);
    });

    it('reports a flow-ref to nothing, and one to something that is not a flow', () => {
      const { diagnostics } = graphOf(
        file('a.xml', '<http:listener-config name="api"/>\n<flow name="f">\n  <flow-ref name="nowhere"/>\n  <flow-ref name="api"/>\n</flow>'),
      );
      expect(summary(diagnostics)).toEqual([
        { code: 'dangling-flow-ref', message: 'flow-ref "nowhere" names no flow or sub-flow', at: 'a.xml:4:19' },
        { code: 'dangling-flow-ref', message: 'flow-ref "api" names a <http:listener-config>, not a flow or sub-flow', at: 'a.xml:5:19' },
      ]);
    });

    it('finds flow-refs nested in scopes and error handlers', () => {
      const { diagnostics } = graphOf(
        file(
          'a.xml',
          '<flow name="f"><try><flow-ref name="a"/></try><error-handler><on-error-continue><flow-ref name="b"/></on-error-continue></error-handler></flow>',
        ),
      );
      expect(diagnostics.map((d) => d.message)).toEqual(['flow-ref "a" names no flow or sub-flow', 'flow-ref "b" names no flow or sub-flow']);
    });

    it('leaves a flow-ref written as an expression to run time', () => {
      const { diagnostics } = graphOf(file('a.xml', '<flow name="f"><flow-ref name="#[vars.target]"/></flow>'));
      expect(diagnostics).toEqual([]);
    });

    it('collects the error types raise-errors declare', () => {
      const { graph } = graphOf(
        file('a.xml', '<flow name="f"><raise-error type="APP:NOT_FOUND"/></flow>\n<sub-flow name="s"><raise-error type="APP:BAD"/></sub-flow>'),
      );
      expect(graph.raisedTypes.map((r) => r.type)).toEqual(['APP:NOT_FOUND', 'APP:BAD']);
    });
  });

  describe('sub-flow cycles', () => {
    it('reports sub-flows that call each other, with the path, at the flow-ref closing the cycle', () => {
      const { diagnostics } = graphOf(
        file('a.xml', '<sub-flow name="a"><flow-ref name="b"/></sub-flow>'),
        file('b.xml', '<sub-flow name="b"><choice><otherwise><flow-ref name="a"/></otherwise></choice></sub-flow>'),
      );
      expect(summary(diagnostics)).toEqual([{ code: 'sub-flow-cycle', message: 'sub-flows call each other without end: a → b → a', at: 'b.xml:2:55' }]);
    });

    it('reports a sub-flow that calls itself', () => {
      const { diagnostics } = graphOf(file('a.xml', '<sub-flow name="loop"><logger/><flow-ref name="loop"/></sub-flow>'));
      expect(diagnostics.map((d) => d.message)).toEqual(['sub-flows call each other without end: loop → loop']);
    });

    it('reports each cycle once', () => {
      const { diagnostics } = graphOf(
        file(
          'a.xml',
          '<sub-flow name="a"><flow-ref name="b"/></sub-flow>\n<sub-flow name="b"><flow-ref name="c"/></sub-flow>\n<sub-flow name="c"><flow-ref name="a"/></sub-flow>',
        ),
      );
      expect(diagnostics.map((d) => d.code)).toEqual(['sub-flow-cycle']);
    });

    it('accepts a cycle that passes through a flow, which runs as its own unit', () => {
      const { diagnostics } = graphOf(file('a.xml', '<sub-flow name="a"><flow-ref name="f"/></sub-flow>\n<flow name="f"><flow-ref name="a"/></flow>'));
      expect(diagnostics).toEqual([]);
    });

    it('accepts a sub-flow called twice without a cycle', () => {
      const { diagnostics } = graphOf(file('a.xml', '<sub-flow name="leaf"/>\n<sub-flow name="a"><flow-ref name="leaf"/><flow-ref name="leaf"/></sub-flow>'));
      expect(diagnostics).toEqual([]);
    });
  });
});
