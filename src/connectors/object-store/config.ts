import type { GlobalType } from '../../spi/component.js';
import { RECONNECTION } from '../../spi/mule-parameters.js';

/**
 * `<os:config name>` with its optional `<os:connection>`: in Mule, a way to give object stores a
 * store manager other than the runtime's. flowrt has one, the runtime's stores (memory, or Redis
 * with --redis), so the config is accepted and object stores that name it use those.
 */
export const config: GlobalType = {
  element: 'os:config',
  spec: {
    attributes: { name: { kind: 'literal', required: true } },
    children: { 'os:connection': { attributes: {}, children: { reconnection: RECONNECTION } } },
  },
  build(node) {
    return { name: node.literal('name') };
  },
};
