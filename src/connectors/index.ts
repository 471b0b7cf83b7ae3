import type { Connector } from './connector.js';
import { OBJECT_STORE } from './object-store/index.js';
import { VM_CONNECTOR } from './vm/index.js';

/** Every Mule module flowrt implements. Adding one is adding its folder and a line here. */
export const CONNECTORS: readonly Connector[] = [VM_CONNECTOR, OBJECT_STORE];
