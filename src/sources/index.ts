import type { SourceType } from '../spi/component.js';
import { httpListener } from './http-listener.js';
import { scheduler } from './scheduler.js';

/** Every message source element flowrt implements. */
export const SOURCES: readonly SourceType[] = [httpListener, scheduler];
