import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadResult } from '../../src/index.js';
import { load as loadFiles, mule } from '../helpers/app.js';

/*
 * One test per kind of problem a Mule user can write, each asserting the message and where it
 * points. `mule(body)` puts the listener config on line 3, so a body starts on line 4.
 */

type Loaded = LoadResult & { dir: string };

/** Errors as a reader sees them: the message and `file:line:col` relative to the app. */
function errors(loaded: Loaded): Array<{ message: string; at: string }> {
  return loaded.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ message: d.message, at: d.loc ? `${relative(loaded.dir, d.loc.file)}:${d.loc.line}:${d.loc.col}` : '(no location)' }));
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function load(files: Record<string, string>): Promise<Loaded> {
  const loaded = await loadFiles(files);
  dirs.push(loaded.dir);
  return loaded;
}

const app = (body: string) => load({ 'flows/app.xml': mule(body) });

describe('validation diagnostics', () => {
  it('accepts a Mule attribute flowrt does not apply, saying so: enableCookies="true"', async () => {
    const loaded = await app(`<http:request-config name="up" enableCookies="true"><http:request-connection host="example.com"/></http:request-config>`);
    expect(loaded.app).toBeDefined();
    expect(loaded.diagnostics.map((d) => `${d.severity}: ${d.message}`)).toEqual([
      'warning: enableCookies is not supported by flowrt yet: cookies an upstream sets are not sent back to it',
    ]);
  });

  it('says "not supported by flowrt yet" for a Mule parameter it lacks, never "unknown" or "not allowed"', async () => {
    const loaded =
      await app(`<http:listener-config name="in"><http:listener-connection host="127.0.0.1" port="0"/><http:listener-interceptors/></http:listener-config>
      <http:request-config name="up"><http:request-connection host="example.com" proxyConfig="corporate">
        <http:client-socket-properties/>
      </http:request-connection></http:request-config>
      <configuration correlationIdGeneratorExpression="#[uuid()]"/>
      <flow name="f"><http:listener config-ref="in" path="/"><redelivery-policy maxRedeliveryCount="3"/></http:listener>
        <scatter-gather><route><logger/></route><route><logger/></route><collect-list/></scatter-gather>
      </flow>`);
    expect(errors(loaded)).toEqual([
      { message: '<http:listener-interceptors> inside <http:listener-config> is a Mule parameter flowrt does not support yet', at: 'flows/app.xml:4:86' },
      { message: 'proxyConfig on <http:request-connection> is a Mule parameter flowrt does not support yet', at: 'flows/app.xml:5:82' },
      {
        message: "<http:client-socket-properties> belongs to Mule's http module, which flowrt supports only in part: not this element yet",
        at: 'flows/app.xml:6:9',
      },
      { message: 'correlationIdGeneratorExpression on <configuration> is a Mule parameter flowrt does not support yet', at: 'flows/app.xml:8:22' },
      { message: '<redelivery-policy> inside <http:listener> is a Mule parameter flowrt does not support yet', at: 'flows/app.xml:9:62' },
      { message: '<collect-list> inside <scatter-gather> is a Mule parameter flowrt does not support yet', at: 'flows/app.xml:10:73' },
    ]);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([
      'unsupported-element',
      'unsupported-attribute',
      'unsupported-element',
      'unsupported-attribute',
      'unsupported-element',
      'unsupported-element',
    ]);
  });

  it('loads the Mule parameters flowrt accepts without applying, as real apps write them', async () => {
    const loaded = await app(`<configuration defaultTransactionTimeout="30000" inheritIterableRepeatability="true">
        <dynamic-config-expiration frequency="5" timeUnit="MINUTES"><expiration-policy maxIdleTime="10" timeUnit="MINUTES"/></dynamic-config-expiration>
      </configuration>
      <http:listener-config name="in" rejectInvalidTransferEncoding="true">
        <http:listener-connection host="127.0.0.1" port="0"><reconnection failsDeployment="true"><reconnect count="3"/></reconnection></http:listener-connection>
      </http:listener-config>
      <http:request-config name="up"><http:request-connection host="example.com"/><expiration-policy maxIdleTime="1" timeUnit="HOURS"/></http:request-config>
      <flow name="f"><http:listener config-ref="in" path="/"><repeatable-in-memory-stream initialBufferSize="512" bufferUnit="KB"/><reconnect-forever/></http:listener>
        <http:request config-ref="up" path="/"><repeatable-file-store-stream inMemorySize="1"/></http:request>
        <ee:transform mode="deferred"><ee:message><ee:set-payload>payload</ee:set-payload></ee:message></ee:transform>
        <http:request config-ref="up" path="/b"><error-mapping sourceType="HTTP:NOT_FOUND" targetType="APP:BAD"/></http:request>
      </flow>`);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.app).toBeDefined();
  });

  it('checks error mappings: a source type nothing raises, a target in a module namespace', async () => {
    const loaded = await app(`<flow name="f"><http:listener config-ref="listener" path="/"/>
        <http:request url="http://example.com/"><error-mapping sourceType="NOPE:THING" targetType="HTTP:MINE"/></http:request>
      </flow>`);
    expect(errors(loaded).map((e) => `${e.at} ${e.message}`)).toEqual([
      expect.stringMatching(/^flows\/app\.xml:5:\d+ .*NOPE/),
      expect.stringMatching(/^flows\/app\.xml:5:\d+ .*HTTP/),
    ]);
  });

  it('reports every problem in one run: a broken condition, config-ref or path hides nothing inside it', async () => {
    const loaded = await app(`<flow name="f">
      <http:listener config-ref="nowhere" path="/a">
        <http:response statusCode="#[payload.(]"/>
      </http:listener>
      <choice>
        <when expression="#[payload = ]">
          <set-payload value="#[vars.(]"/>
        </when>
      </choice>
      <http:request config-ref="missing" path="/x">
        <http:body>#[{ 'a': }]</http:body>
      </http:request>
    </flow>`);
    expect(loaded.app).toBeUndefined();
    const messages = errors(loaded).map((e) => `${e.at} ${e.message.split(':')[0]}`);
    expect(messages).toEqual([
      expect.stringMatching(/^flows\/app\.xml:5:\d+ config-ref="nowhere" on <http/),
      expect.stringMatching(/^flows\/app\.xml:6:\d+ invalid expression/),
      expect.stringMatching(/^flows\/app\.xml:9:\d+ invalid expression/),
      expect.stringMatching(/^flows\/app\.xml:10:\d+ invalid expression/),
      expect.stringMatching(/^flows\/app\.xml:13:\d+ config-ref="missing" on <http/),
      expect.stringMatching(/^flows\/app\.xml:14:\d+ invalid expression/),
    ]);
  });

  it('refuses an expression where Mule reads a value once, and says which ones flowrt does not evaluate yet', async () => {
    const loaded = await app(`<http:request-config name="up" basePath="#[vars.base]"><http:request-connection host="example.com"/></http:request-config>
    <flow name="f">
      <set-variable variableName="#[vars.name]" value="x"/>
    </flow>`);
    expect(loaded.app).toBeUndefined();
    expect(errors(loaded)).toEqual([
      { message: 'basePath on <http:request-config> as an expression is not supported by flowrt yet', at: 'flows/app.xml:4:42' },
      { message: 'variableName on <set-variable> takes a value, not an expression: Mule reads it once, when the app starts', at: 'flows/app.xml:6:35' },
    ]);
  });

  it('reports malformed XML where the XML validator found it', async () => {
    const loaded = await load({
      'flows/app.xml': ['<mule xmlns="http://www.mulesoft.org/schema/mule/core">', '  <flow name="f">', '    <logger>', '  </flow>', '</mule>', ''].join('\n'),
    });
    expect(loaded.app).toBeUndefined();
    expect(errors(loaded)).toEqual([
      { message: "malformed XML: Expected closing tag 'logger' (opened in line 3, col 5) instead of closing tag 'flow'.", at: 'flows/app.xml:4:3' },
    ]);
  });

  it('reports an undeclared namespace prefix and tells which xmlns to add', async () => {
    const loaded = await load({
      'flows/app.xml': ['<mule xmlns="http://www.mulesoft.org/schema/mule/core">', '  <flow name="f">', '    <ee:transform/>', '  </flow>', '</mule>', ''].join(
        '\n',
      ),
    });
    expect(errors(loaded)).toEqual([{ message: 'namespace prefix "ee" of <ee:transform> is not declared', at: 'flows/app.xml:3:5' }]);
    expect(loaded.diagnostics[0]!.hint).toBe('add xmlns:ee="http://www.mulesoft.org/schema/mule/ee/core" to the <mule> element');
  });

  it('suggests the closest element for a misspelt one', async () => {
    const loaded = await app(`<flow name="f">\n  <set-payloda value="x"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'unknown element <set-payloda>; did you mean <set-payload>?', at: 'flows/app.xml:5:3' }]);
  });

  it('names the Mule module of an element flowrt does not implement yet', async () => {
    const loaded = await load({
      'flows/app.xml': [
        '<mule xmlns="http://www.mulesoft.org/schema/mule/core" xmlns:db="http://www.mulesoft.org/schema/mule/db">',
        '  <db:config name="db"/>',
        '  <flow name="f">',
        '    <db:select config-ref="db"><db:sql>SELECT 1</db:sql></db:select>',
        '  </flow>',
        '</mule>',
        '',
      ].join('\n'),
    });
    expect(errors(loaded)).toEqual([
      { message: "<db:config> belongs to Mule's db module, which flowrt does not support yet", at: 'flows/app.xml:2:3' },
      { message: "<db:select> belongs to Mule's db module, which flowrt does not support yet", at: 'flows/app.xml:4:5' },
    ]);
  });

  it('says a Mule core element is not supported yet rather than unknown', async () => {
    const loaded = await app(`<flow name="f">\n  <parse-template location="page.html"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: '<parse-template> is a Mule core element that flowrt does not support yet', at: 'flows/app.xml:5:3' }]);
  });

  it('suggests the closest attribute for a misspelt one, pointing at the attribute', async () => {
    const loaded = await app(`<flow name="f">\n  <http:listener config-ref="listener" pth="/x"/>\n</flow>`);
    expect(errors(loaded)).toContainEqual({ message: 'unknown attribute "pth" on <http:listener>; did you mean "path"?', at: 'flows/app.xml:5:40' });
  });

  it('reports a missing required attribute at its element', async () => {
    const loaded = await app(`<flow name="f">\n  <set-variable value="1"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: '<set-variable> needs the attribute variableName', at: 'flows/app.xml:5:3' }]);
  });

  it('lists the allowed values of an enumeration, pointing at the value', async () => {
    const loaded = await app(`<flow name="f">\n  <logger level="VERBOSE"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'level="VERBOSE" on <logger> must be one of TRACE, DEBUG, INFO, WARN, ERROR', at: 'flows/app.xml:5:18' }]);
  });

  it('reports a flow name used in two files, naming the first place', async () => {
    const loaded = await load({
      'flows/a.xml': mule(`<flow name="main"><logger/></flow>`),
      'flows/b.xml': mule(`<flow name="main"><logger/></flow>`, { listener: false }),
    });
    expect(errors(loaded)).toEqual([
      { message: `duplicate global name "main": <flow> here and <flow> at ${join(loaded.dir, 'flows/a.xml')}:4:1`, at: 'flows/b.xml:4:7' },
    ]);
  });

  it('reports a config-ref that names no global element, once', async () => {
    const loaded = await app(`<flow name="f">\n  <http:listener config-ref="api" path="/x"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'config-ref="api" on <http:listener> names no global element', at: 'flows/app.xml:5:30' }]);
  });

  it('reports a flow-ref that names no flow, once', async () => {
    const loaded = await app(`<flow name="f">\n  <flow-ref name="nowhere"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'flow-ref "nowhere" names no flow or sub-flow', at: 'flows/app.xml:5:19' }]);
  });

  it('reports sub-flows that call each other at the flow-ref that closes the cycle', async () => {
    const loaded = await app(`<sub-flow name="a">\n  <flow-ref name="b"/>\n</sub-flow>\n<sub-flow name="b">\n  <flow-ref name="a"/>\n</sub-flow>`);
    expect(errors(loaded)).toEqual([{ message: 'sub-flows call each other without end: a → b → a', at: 'flows/app.xml:8:19' }]);
  });

  it('points a JSONata syntax error in an attribute at the offending character', async () => {
    const loaded = await app(`<flow name="f">\n  <set-payload value="#[payload.price + + 1]"/>\n</flow>`);
    // the value starts at column 23, its expression at 25, and the second "+" 16 characters into it
    expect(errors(loaded)).toEqual([{ message: 'invalid expression: The symbol "+" cannot be used as a unary operator', at: 'flows/app.xml:5:41' }]);
  });

  it('points a JSONata syntax error in an ee:transform script at its line inside the CDATA', async () => {
    const loaded = await app(`<flow name="f">
  <ee:transform>
    <ee:message>
      <ee:set-payload><![CDATA[{
  "total": payload.price + + 1
}]]></ee:set-payload>
    </ee:message>
  </ee:transform>
</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'invalid expression: The symbol "+" cannot be used as a unary operator', at: 'flows/app.xml:8:28' }]);
  });

  it('loads a DataWeave script, and puts its syntax error where it is written', async () => {
    const good = await app(`<flow name="f">
  <ee:transform>
    <ee:message>
      <ee:set-payload><![CDATA[%dw 2.0
output application/json
---
{ total: payload.price }]]></ee:set-payload>
    </ee:message>
  </ee:transform>
</flow>`);
    expect(errors(good)).toEqual([]);
    const bad = await app(`<flow name="f">
  <ee:transform>
    <ee:message>
      <ee:set-payload><![CDATA[%dw 2.0
output application/json
---
{ total: payload.price + }]]></ee:set-payload>
    </ee:message>
  </ee:transform>
</flow>`);
    expect(errors(bad)).toEqual([{ message: expect.stringMatching(/^Invalid input "}"/), at: 'flows/app.xml:10:26' }]);
  });

  it('puts a syntax error of a .dwl resource into that file', async () => {
    const loaded = await load({
      'flows/app.xml': mule(
        `<flow name="f">\n  <ee:transform>\n    <ee:message><ee:set-payload resource="total.dwl"/></ee:message>\n  </ee:transform>\n</flow>`,
      ),
      'total.dwl': '\n%dw 2.0\noutput application/json\n---\n{ total: payload.price ++ }\n',
    });
    expect(errors(loaded)).toEqual([{ message: expect.stringMatching(/^Invalid input "}"/), at: 'total.dwl:5:27' }]);
  });

  it('does not let a raise-error raise a module error type such as HTTP:*, saying so once', async () => {
    const loaded = await app(`<flow name="f">\n  <raise-error type="HTTP:NOT_FOUND"/>\n</flow>`);
    expect(errors(loaded)).toEqual([
      {
        message:
          'cannot raise HTTP:NOT_FOUND: the HTTP namespace belongs to a module; raise a core MULE type or use a namespace of your own, e.g. APP:NOT_FOUND',
        at: 'flows/app.xml:5:22',
      },
    ]);
  });

  it('reports a handler naming an error type nothing raises', async () => {
    const loaded = await app(`<flow name="f">\n  <logger/>\n  <error-handler>\n    <on-error-continue type="APP:NOPE"/>\n  </error-handler>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'unknown error type APP:NOPE: no raise-error in this app raises it', at: 'flows/app.xml:7:30' }]);
  });

  it('accepts a handler for a custom type that a raise-error in another flow declares', async () => {
    const loaded = await app(`<flow name="raiser">\n  <raise-error type="APP:NOPE"/>\n</flow>
<flow name="f">\n  <flow-ref name="raiser"/>\n  <error-handler>\n    <on-error-continue type="APP:NOPE"/>\n  </error-handler>\n</flow>`);
    expect(errors(loaded)).toEqual([]);
  });

  it('reports a catch-all on-error that is not the last one', async () => {
    const loaded = await app(
      `<flow name="f">\n  <logger/>\n  <error-handler>\n    <on-error-continue/>\n    <on-error-propagate type="ANY"/>\n  </error-handler>\n</flow>`,
    );
    expect(errors(loaded)).toEqual([
      { message: 'only the last on-error of an error-handler may omit both type and when: the ones after it could never run', at: 'flows/app.xml:7:5' },
    ]);
  });

  it('reports a message source that is not the first element of its flow', async () => {
    const loaded = await app(`<flow name="f">\n  <logger/>\n  <http:listener config-ref="listener" path="/x"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: '<http:listener> is a message source: it must be the first element of its flow', at: 'flows/app.xml:6:3' }]);
  });

  it('reports an error-handler in a sub-flow and suggests try', async () => {
    const loaded = await app(`<sub-flow name="s">\n  <logger/>\n  <error-handler>\n    <on-error-continue/>\n  </error-handler>\n</sub-flow>`);
    expect(errors(loaded)).toEqual([{ message: 'a sub-flow cannot have an error-handler: its errors go to the caller', at: 'flows/app.xml:6:3' }]);
    expect(loaded.diagnostics[0]!.hint).toContain('<try>');
  });

  it('names a property that is not defined, pointing at the placeholder', async () => {
    const loaded = await app(`<flow name="f">\n  <set-payload value="\${nope}"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'property "nope" is not defined', at: 'flows/app.xml:5:23' }]);
  });

  it('reports every problem of a file at once, one diagnostic each, sorted by line', async () => {
    const loaded = await app(`<flow name="f">
  <http:listener config-ref="listener" path="/x"/>
  <set-payloda value="x"/>
  <logger level="LOUD"/>
  <set-variable value="1"/>
  <set-payload value="#[payload + + 1]"/>
</flow>
<flow name="g">
  <http:listener config-ref="listner" path="/y"/>
</flow>`);
    expect(errors(loaded).map((e) => e.at)).toEqual([
      'flows/app.xml:6:3', // unknown element
      'flows/app.xml:7:18', // enumeration
      'flows/app.xml:8:3', // missing attribute
      'flows/app.xml:9:35', // JSONata
      'flows/app.xml:12:30', // dangling config-ref, found by the graph stage before the others
    ]);
  });

  it('reports a DataWeave-style call of a plain name at load, with the JSONata function instead', async () => {
    const loaded = await app(`<flow name="f">\n  <set-payload value="#[sizeOf(payload.items)]"/>\n</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'sizeOf(…) calls a field, not a function: it would fail on every event', at: 'flows/app.xml:5:25' }]);
    expect(loaded.diagnostics[0]!.hint).toContain('$count');
  });

  it('reports a Mule element of a supported namespace that flowrt lacks as not supported yet', async () => {
    const loaded = await app(`<flow name="f">\n  <http:load-static-resource resourceBasePath="web"/>\n</flow>`);
    expect(errors(loaded)).toEqual([
      {
        message: "<http:load-static-resource> belongs to Mule's http module, which flowrt supports only in part: not this element yet",
        at: 'flows/app.xml:5:3',
      },
    ]);
  });

  it('does not take a Mule element flowrt lacks for a typo of one it has', async () => {
    const loaded = await load({
      'flows/app.xml': mule('<flow name="f">\n  <validation:is-url url="#[payload]"/>\n</flow>').replace(
        '<mule ',
        '<mule xmlns:validation="http://www.mulesoft.org/schema/mule/validation" ',
      ),
    });
    expect(errors(loaded).map((e) => e.message)).toEqual([
      "<validation:is-url> belongs to Mule's validation module, which flowrt supports only in part: not this element yet",
    ]);
  });

  it('reports an error-handler where none may stand, instead of ignoring it', async () => {
    const loaded = await app(
      `<flow name="f">\n  <choice>\n    <when expression="true">\n      <logger/>\n      <error-handler/>\n    </when>\n  </choice>\n</flow>`,
    );
    expect(errors(loaded)).toEqual([{ message: '<when> cannot have an error-handler', at: 'flows/app.xml:8:7' }]);
  });

  it('reports "--" inside an XML comment, which Mule\'s parser rejects', async () => {
    const loaded = await load({ 'flows/app.xml': mule('<!-- run with --env dev -->') });
    expect(errors(loaded)).toEqual([{ message: 'malformed XML: "--" is not allowed inside a comment', at: 'flows/app.xml:4:15' }]);
  });

  it('does not repeat a misspelt required attribute as missing', async () => {
    const loaded = await app(`<flow name="f">\n  <http:listener config-ref="listener" pth="/x"/>\n</flow>`);
    expect(errors(loaded).map((e) => e.message)).toEqual(['unknown attribute "pth" on <http:listener>; did you mean "path"?']);
  });

  it('checks every unnamed global element, not only the first', async () => {
    const loaded = await app(`<global-property name="a" value="1"/>\n<global-property name="b" vaule="2"/>\n<configuration shutdownTimout="10"/>`);
    expect(errors(loaded).map((e) => e.message)).toEqual([
      'unknown attribute "vaule" on <global-property>; did you mean "value"?',
      'unknown attribute "shutdownTimout" on <configuration>; did you mean "shutdownTimeout"?',
    ]);
  });

  it('reports http:request with both url and path, and a path without a config host', async () => {
    const loaded = await app(`<http:request-config name="up"><http:request-connection/></http:request-config>
<flow name="f">
  <http:request url="http://x" path="/y"/>
  <http:request config-ref="up" path="/y"/>
</flow>`);
    expect(errors(loaded).map((e) => e.message)).toEqual([
      '<http:request> needs either url or path (with a config-ref whose connection names a host)',
      'path needs a config-ref to an http:request-config whose http:request-connection names a host',
    ]);
  });

  it('reports a status validator range that does not parse, at its values', async () => {
    const loaded = await app(`<flow name="f">
  <http:request url="http://x"><http:response-validator><http:success-status-code-validator values="200-299"/></http:response-validator></http:request>
</flow>`);
    expect(errors(loaded)).toEqual([{ message: 'values: "200-299" is not a status code or range like 200..299', at: 'flows/app.xml:5:101' }]);
  });

  it('refuses reconnect-forever and a Java trust store for requests, saying what to do instead', async () => {
    const loaded = await app(`<http:request-config name="up"><http:request-connection host="h">
  <tls:context><tls:trust-store path="trust.jks" type="jks" password="x"/></tls:context>
  <reconnection><reconnect-forever/></reconnection>
</http:request-connection></http:request-config>`);
    expect(errors(loaded).map((e) => e.message)).toEqual([
      'a jks trust store cannot be read by flowrt; give the CA certificates as a PEM file with type="pem"',
      'reconnect-forever is not supported for requests: a request would wait without end',
    ]);
  });
});
