import type { CodeDoc } from './code-doc.js';

/** VM queues: each code with what it means, a message it comes with and what to do. */
export const QUEUE_CODES = {
  'undeclared-queue': {
    meaning: 'a VM operation or listener names a queue its vm:config does not declare (Mule refuses those)',
    example: 'vm:config "vm" declares no queue "orderz"',
    fix: "declare the queue in the config's <vm:queues>, or fix the name",
  },
  'duplicate-queue': {
    meaning: 'a vm:config declares the same queue twice',
    example: 'queue "orders" is declared twice in this vm:config',
    fix: 'declare each queue once',
  },
} as const satisfies Readonly<Record<string, CodeDoc>>;
