import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { managerSchema } from '../src/gateway/manager-schema.js';
import { POLICIES } from '../src/policies/index.js';
import { generateCatalog, generateSchemas } from '../src/tooling/xsd.js';
import { formatDiagnostic } from '../src/index.js';
import { load } from './helpers/app.js';

const STALE = 'is not what src/tooling/xsd.ts generates from the registry: run `npm run schemas` and commit schemas/';

/** The catalog's entries: a schema URL or namespace URI → the file it names, relative to schemas/. */
function catalogEntries(): Map<string, string> {
  const text = readFileSync('schemas/catalog.xml', 'utf8');
  return new Map([...text.matchAll(/<(?:system|uri)\s+(?:systemId|name)="([^"]+)"\s+uri="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** Namespace → location pairs of a document's xsi:schemaLocation. */
function schemaLocations(xml: string): Array<[string, string]> {
  const words = /xsi:schemaLocation="([^"]*)"/.exec(xml)?.[1]?.trim().split(/\s+/) ?? [];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < words.length; i += 2) pairs.push([words[i]!, words[i + 1]!]);
  return pairs;
}

/**
 * Validates as an editor would: each xsi:schemaLocation looked up in the catalog. xmllint takes one
 * schema and ignores xsi:schemaLocation, so a driver schema imports the files the catalog names.
 */
async function validate(xml: string): Promise<{ valid: boolean; messages: string[] }> {
  const catalog = catalogEntries();
  const imports = schemaLocations(xml).map(([ns, url]) => {
    const file = catalog.get(url);
    if (!file) throw new Error(`the catalog does not map ${url}`);
    return `<xs:import namespace="${ns}" schemaLocation="${file}"/>`;
  });
  const driver = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${imports.join('')}</xs:schema>`;
  const preload = readdirSync('schemas')
    .filter((f) => f.endsWith('.xsd'))
    .map((f) => ({ fileName: f, contents: readFileSync(`schemas/${f}`, 'utf8') }));
  const result = await validateXML({ xml: [{ fileName: 'app.xml', contents: xml }], schema: [{ fileName: 'driver.xsd', contents: driver }], preload });
  return { valid: result.valid, messages: result.errors.map((e) => e.message) };
}

/** A Mule file as Anypoint Studio writes it, with `body` inside <mule>. */
function muleFile(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<mule xmlns="http://www.mulesoft.org/schema/mule/core"
      xmlns:http="http://www.mulesoft.org/schema/mule/http"
      xmlns:ee="http://www.mulesoft.org/schema/mule/ee/core"
      xmlns:doc="http://www.mulesoft.org/schema/mule/documentation"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
      xsi:schemaLocation="http://www.mulesoft.org/schema/mule/core http://www.mulesoft.org/schema/mule/core/current/mule.xsd
        http://www.mulesoft.org/schema/mule/http http://www.mulesoft.org/schema/mule/http/current/mule-http.xsd
        http://www.mulesoft.org/schema/mule/ee/core http://www.mulesoft.org/schema/mule/ee/core/current/mule-ee.xsd">
${body}
</mule>
`;
}

/** Every kind of element the registry implements, as a Mule user would write them. */
const EVERYTHING = muleFile(`
  <configuration defaultErrorHandler-ref="fallback" shutdownTimeout="1000"/>
  <global-property name="greeting" value="hi"/>
  <http:listener-config name="listener" basePath="/api" doc:name="Listener">
    <http:listener-connection host="127.0.0.1" port="0" protocol="HTTP" usePersistentConnections="false"/>
  </http:listener-config>
  <on-error-continue name="recover" type="ANY" logException="false">
    <set-payload value="recovered"/>
  </on-error-continue>
  <error-handler name="fallback">
    <on-error-propagate type="EXPRESSION"><logger level="ERROR" message="failed: #[error.description]"/></on-error-propagate>
    <on-error ref="recover"/>
  </error-handler>
  <flow name="main" maxConcurrency="4" doc:id="1b2c">
    <http:listener config-ref="listener" path="/things/{id}" allowedMethods="GET, POST">
      <http:response statusCode="#[vars.status]">
        <http:headers>#[{'x-greeting': vars.greeting}]</http:headers>
      </http:response>
      <http:error-response statusCode="500"><http:body>#[error.description]</http:body></http:error-response>
    </http:listener>
    <set-variable variableName="status" value="201" doc:name="Status"/>
    <set-variable variableName="greeting" value="\${greeting}"/>
    <choice>
      <when expression="#[attributes.method = 'POST']"><set-payload value="posted" mimeType="text/plain"/></when>
      <when expression="attributes.method = 'PUT'"><set-payload value="put"/></when>
      <otherwise><flow-ref name="helper" target="helped"/></otherwise>
    </choice>
    <try>
      <raise-error type="APP:BOOM" description="boom"/>
      <error-handler>
        <on-error-continue type="APP:BOOM"><remove-variable variableName="helped"/></on-error-continue>
        <on-error-propagate><logger/></on-error-propagate>
      </error-handler>
    </try>
    <ee:transform doc:name="Answer">
      <ee:message><ee:set-payload><![CDATA[{ "ok": true, "id": attributes.uriParams.id }]]></ee:set-payload></ee:message>
      <ee:variables>
        <ee:set-variable variableName="a">1</ee:set-variable>
        <ee:set-variable variableName="b">2</ee:set-variable>
      </ee:variables>
    </ee:transform>
    <error-handler ref="fallback"/>
  </flow>
  <sub-flow name="helper"><logger level="DEBUG" category="helper" message="helping"/></sub-flow>
`);

const FLOW_FILES = readdirSync('flows').filter((f) => f.endsWith('.xml'));

describe('XML schemas', () => {
  it('are committed as the registry generates them', () => {
    const generated = generateSchemas();
    const committed = readdirSync('schemas').filter((f) => f.endsWith('.xsd'));
    expect(committed.sort(), `schemas/*.xsd ${STALE}`).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect(readFileSync(`schemas/${file}`, 'utf8'), `schemas/${file} ${STALE}`).toBe(text);
    expect(readFileSync('schemas/catalog.xml', 'utf8'), `schemas/catalog.xml ${STALE}`).toBe(generateCatalog());
    expect(readFileSync('schemas/api-manager.schema.json', 'utf8'), `schemas/api-manager.schema.json ${STALE}`).toBe(
      `${JSON.stringify(managerSchema(POLICIES), null, 2)}\n`,
    );
  });

  it('declare one schema per namespace, each importing core', () => {
    const generated = generateSchemas();
    expect([...generated.keys()]).toEqual([
      'mule-core.xsd',
      'mule-api-gateway.xsd',
      'mule-ee.xsd',
      'mule-http.xsd',
      'mule-json.xsd',
      'mule-oauth.xsd',
      'mule-oauth2-provider.xsd',
      'mule-os.xsd',
      'mule-secure-properties.xsd',
      'mule-tls.xsd',
      'mule-validation.xsd',
      'mule-vm.xsd',
    ]);
    // Parameters of another namespace are referenced, and declared in their own namespace's schema.
    expect(generated.get('mule-http.xsd')).toContain('<xs:import namespace="http://www.mulesoft.org/schema/mule/tls" schemaLocation="mule-tls.xsd"/>');
    expect(generated.get('mule-http.xsd')).toContain('<xs:element ref="tls:context" minOccurs="0"/>');
    expect(generated.get('mule-tls.xsd')).toContain('<xs:element name="context" substitutionGroup="mule:abstract-global-element">');
    expect(generated.get('mule-ee.xsd')).toContain('targetNamespace="http://www.mulesoft.org/schema/mule/ee/core"');
    expect(generated.get('mule-http.xsd')).toContain('<xs:import namespace="http://www.mulesoft.org/schema/mule/core" schemaLocation="mule-core.xsd"/>');
    expect(generated.get('mule-http.xsd')).toContain('<xs:element name="listener" substitutionGroup="mule:abstract-message-source">');
  });

  it('have a catalog whose every entry names a file in schemas/', () => {
    const entries = catalogEntries();
    expect(entries.size).toBeGreaterThan(0);
    for (const [name, file] of entries) expect(existsSync(`schemas/${file}`), `${name} → schemas/${file}`).toBe(true);
  });

  it('map the schema locations and namespaces Mule files use', () => {
    const entries = catalogEntries();
    expect(entries.get('http://www.mulesoft.org/schema/mule/core/current/mule.xsd')).toBe('mule-core.xsd');
    expect(entries.get('http://www.mulesoft.org/schema/mule/http/current/mule-http.xsd')).toBe('mule-http.xsd');
    expect(entries.get('http://www.mulesoft.org/schema/mule/ee/core/current/mule-ee.xsd')).toBe('mule-ee.xsd');
    expect(entries.get('http://www.mulesoft.org/schema/mule/ee/core')).toBe('mule-ee.xsd');
    for (const file of FLOW_FILES) {
      for (const [, url] of schemaLocations(readFileSync(`flows/${file}`, 'utf8'))) expect(entries.has(url), `flows/${file}: ${url}`).toBe(true);
    }
  });

  it.each(FLOW_FILES)('accept flows/%s', async (file) => {
    const result = await validate(readFileSync(`flows/${file}`, 'utf8'));
    expect(result.messages).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('accept a file using every kind of element, which flowrt also loads', async () => {
    const result = await validate(EVERYTHING);
    expect(result.messages).toEqual([]);
    expect(result.valid).toBe(true);

    const loaded = await load({ 'flows/app.xml': EVERYTHING });
    await rm(loaded.dir, { recursive: true, force: true });
    expect(loaded.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    expect(loaded.app).toBeDefined();
  });

  it('reject an unknown element, naming it', async () => {
    const result = await validate(muleFile('<flow name="f"><set-paylod value="x"/></flow>'));
    expect(result.valid).toBe(false);
    expect(result.messages.join('\n')).toContain("Element '{http://www.mulesoft.org/schema/mule/core}set-paylod': This element is not expected.");
  });

  it('reject a missing required attribute, naming it', async () => {
    const result = await validate(muleFile('<flow name="f"><set-variable value="1"/></flow>'));
    expect(result.valid).toBe(false);
    expect(result.messages.join('\n')).toContain("The attribute 'variableName' is required but missing.");
  });

  it('reject a value outside an enumeration, but not a placeholder', async () => {
    const loud = await validate(muleFile('<flow name="f"><logger level="LOUD"/></flow>'));
    expect(loud.valid).toBe(false);
    expect(loud.messages.join('\n')).toContain("attribute 'level'");
    expect((await validate(muleFile('<flow name="f"><logger level="${log.level}"/></flow>'))).valid).toBe(true);
  });

  it('reject a message source that is not first, and an error-handler that is not last', async () => {
    const config = '<http:listener-config name="l"><http:listener-connection host="h" port="1"/></http:listener-config>';
    const late = await validate(muleFile(`${config}<flow name="f"><logger/><http:listener config-ref="l" path="/"/></flow>`));
    expect(late.messages.join('\n')).toContain("Element '{http://www.mulesoft.org/schema/mule/http}listener': This element is not expected.");
    const early = await validate(muleFile('<flow name="f"><error-handler/><logger/></flow>'));
    expect(early.messages.join('\n')).toContain("Element '{http://www.mulesoft.org/schema/mule/core}logger': This element is not expected.");
  });
});
