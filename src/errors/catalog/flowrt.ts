import { defineNamespace } from '../error-type.js';
import { MULE } from './mule.js';

/**
 * flowrt's own errors, where Mule has no type for what happens. CANCELLED: the client that was
 * waiting for the event's answer has gone, so the rest of its work (retries, waits, outbound
 * calls) is dropped. Mule runs such work to its end; flowrt does not spend a core on an answer
 * nobody will read. Under MULE:CRITICAL: no error handler runs for it.
 */
export const FLOWRT = defineNamespace('FLOWRT', [['CANCELLED', MULE.CRITICAL]] as const);
