/** The Object Store connector's error types, each answered by a handler of its own. */
const TYPES = ['KEY_NOT_FOUND', 'KEY_ALREADY_EXISTS', 'NULL_VALUE', 'INVALID_KEY', 'STORE_NOT_AVAILABLE'];

const HANDLER = `<error-handler>
  ${TYPES.map((t) => `<on-error-continue type="OS:${t}"><set-payload value="OS:${t}"/></on-error-continue>`).join('\n  ')}
  <on-error-continue><set-payload value="#['unexpected ' &amp; error.errorType.namespace &amp; ':' &amp; error.errorType.identifier &amp; ': ' &amp; error.description]"/></on-error-continue>
</error-handler>`;

const KEY = 'key="#[attributes.queryParams.key]"';

/**
 * Flows under /<prefix>/ calling every operation on one store (`store` is its objectStore
 * attribute, '' for the default store), the key in the query (?key=…), each error type answered
 * by name as the payload.
 */
export function storeFlows(prefix: string, store: string): string {
  const flow = (name: string, method: string, steps: string): string =>
    `<flow name="${prefix}-${name}"><http:listener config-ref="listener" path="/${prefix}/${name}" allowedMethods="${method}"/>
      ${steps}
      ${HANDLER}
    </flow>`;
  return [
    flow('store', 'POST', `<os:store ${KEY} ${store}/>`),
    flow('store-new', 'POST', `<os:store ${KEY} failIfPresent="true" ${store}/>`),
    flow(
      'store-null',
      'POST',
      `<os:store ${KEY} failOnNullValue="#[attributes.queryParams.fail = 'true']" ${store}><os:value>#[null]</os:value></os:store>
      <set-payload value="unchanged"/>`,
    ),
    flow(
      'store-typed',
      'POST',
      `<os:store ${KEY} ${store}><os:value>#[{"n": 1.5, "whole": 42, "flag": false, "nothing": null, "text": "42", "list": [1, "two", true]}]</os:value></os:store>`,
    ),
    flow('retrieve', 'GET', `<os:retrieve ${KEY} ${store}/>`),
    flow('retrieve-or', 'GET', `<os:retrieve ${KEY} ${store}><os:default-value>fallback</os:default-value></os:retrieve>`),
    flow(
      'retrieve-target',
      'GET',
      `<set-payload value="kept"/>
      <os:retrieve ${KEY} ${store} target="found" targetValue="#[payload.a]"/>
      <set-payload value="#[{'payload': payload, 'found': vars.found}]"/>`,
    ),
    flow(
      'types',
      'GET',
      `<os:retrieve ${KEY} ${store}/>
      <set-payload value="#[{'value': payload, 'types': $merge($each(payload, function($v, $k) { {$k: $type($v)} }))}]"/>`,
    ),
    flow('contains', 'GET', `<os:contains ${KEY} ${store}/>`),
    flow('remove', 'POST', `<os:remove ${KEY} ${store}/>`),
    flow('all', 'GET', `<os:retrieve-all ${store}/>`),
    flow('keys', 'GET', `<os:retrieve-all-keys ${store}/>`),
    flow('clear', 'POST', `<os:clear ${store}/>`),
  ].join('\n');
}
