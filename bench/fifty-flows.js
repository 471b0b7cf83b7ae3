// A realistic app of 50 flows for the cold-start figures (issue 17: start → first response ≤ 500 ms,
// RSS after start ≤ 80 MB, `flowrt validate` ≤ 400 ms). Ten XML files of five flows each, as a team
// splits an API by resource; one listener config, one request config, a default error handler,
// and per flow what real flows do: a listener, variables, a choice, a JSONata transform, a logger,
// and on every fifth flow an http:request to the backend (never called at start).
//
//   node bench/fifty-flows.js <dir>      writes the app; then `flowrt start <dir> --prop http.port=8081`
//   import { writeFiftyFlows } from './fifty-flows.js'
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FLOWS = 50;
const FILES = 10;
// The path the first-response probe asks: flow 0 answers 200 without the backend.
export const FIRST_PATH = '/api/r0/items/7?q=probe';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<mule xmlns="http://www.mulesoft.org/schema/mule/core"
      xmlns:http="http://www.mulesoft.org/schema/mule/http"
      xmlns:ee="http://www.mulesoft.org/schema/mule/ee/core"
      xmlns:doc="http://www.mulesoft.org/schema/mule/documentation">
`;

const GLOBALS = `${HEADER}
  <configuration defaultErrorHandler-ref="api-errors"/>

  <http:listener-config name="api" basePath="/api">
    <http:listener-connection host="127.0.0.1" port="\${http.port}"/>
  </http:listener-config>

  <http:request-config name="backend" responseTimeout="2000">
    <http:request-connection host="127.0.0.1" port="\${backend.port}"/>
  </http:request-config>

  <error-handler name="api-errors">
    <on-error-propagate type="APP:INVALID">
      <set-variable variableName="httpStatus" value="400"/>
      <set-payload value="#[{ 'error': 'invalid request', 'detail': error.description }]"/>
    </on-error-propagate>
    <on-error-propagate>
      <set-variable variableName="httpStatus" value="500"/>
      <set-payload value="#[{ 'error': 'internal error', 'correlationId': correlationId }]"/>
    </on-error-propagate>
  </error-handler>
</mule>
`;

function flow(i) {
  const backend =
    i % 5 === 4
      ? `
    <http:request config-ref="backend" method="GET" path="/stock/{sku}" doc:name="Stock">
      <http:uri-params>#[{ 'sku': vars.id }]</http:uri-params>
    </http:request>`
      : '';
  return `
  <flow name="r${i}-item">
    <http:listener config-ref="api" path="/r${i}/items/{id}" allowedMethods="GET,POST">
      <http:error-response statusCode="#[$default(vars.httpStatus, 500)]">
        <http:body>#[payload]</http:body>
      </http:error-response>
    </http:listener>
    <set-variable variableName="id" value="#[attributes.uriParams.id]" doc:name="Id"/>
    <set-variable variableName="query" value="#[$default(attributes.queryParams.q, '')]"/>
    <choice doc:name="Route">
      <when expression="#[$length(vars.id) > 20]">
        <raise-error type="APP:INVALID" description="#['id too long: ' &amp; vars.id]"/>
      </when>
      <when expression="#[attributes.method = 'POST' and $exists(payload.items)]">
        <set-variable variableName="total" value="#[$sum(payload.items.(qty * price))]"/>
      </when>
      <otherwise>
        <set-variable variableName="total" value="#[0]"/>
      </otherwise>
    </choice>${backend}
    <ee:transform doc:name="Answer">
      <ee:message>
        <ee:set-payload><![CDATA[{
  "resource": "r${i}",
  "id": vars.id,
  "query": $uppercase(vars.query),
  "total": vars.total,
  "tags": $map(["a", "b", "c"], function($t) { $t & "-${i}" }),
  "correlationId": correlationId
}]]></ee:set-payload>
      </ee:message>
    </ee:transform>
    <logger level="DEBUG" message="r${i} item #[vars.id]"/>
  </flow>
`;
}

/** Writes the app into `dir` (created if missing); returns `dir`. */
export function writeFiftyFlows(dir) {
  const flows = join(dir, 'flows');
  mkdirSync(flows, { recursive: true });
  writeFileSync(join(dir, 'flowrt-app.json'), JSON.stringify({ name: 'fifty-flows', version: '1.0.0' }, null, 2) + '\n');
  writeFileSync(join(dir, 'config.yaml'), 'http:\n  port: 8081\nbackend:\n  port: 8082\n');
  writeFileSync(join(flows, 'globals.xml'), GLOBALS);
  const perFile = FLOWS / FILES;
  for (let f = 0; f < FILES; f++) {
    let body = '';
    for (let i = f * perFile; i < (f + 1) * perFile; i++) body += flow(i);
    writeFileSync(join(flows, `resources-${f}.xml`), `${HEADER}${body}</mule>\n`);
  }
  return dir;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error('usage: node bench/fifty-flows.js <dir>');
    process.exit(2);
  }
  writeFiftyFlows(dir);
  console.log(`${dir}: ${FLOWS} flows`);
}
