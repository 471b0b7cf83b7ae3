import type { Connector } from './connector.js';
import { OBJECT_STORE } from './object-store/index.js';

/** Every Mule module flowrt implements. Adding one is adding its folder and a line here. */
export const CONNECTORS: readonly Connector[] = [OBJECT_STORE];
