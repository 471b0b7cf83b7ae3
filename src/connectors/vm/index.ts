import type { Connector } from '../connector.js';
import { vmConsume } from './consume.js';
import { vmListener } from './listener.js';
import { vmPublish } from './publish.js';
import { vmPublishConsume } from './publish-consume.js';
import { vmConfig } from './vm-config.js';

/** Mule's VM connector: queues between flows, and between the runtimes of an app. */
export const VM_CONNECTOR: Connector = {
  prefix: 'vm',
  steps: [vmPublish, vmConsume, vmPublishConsume],
  sources: [vmListener],
  globals: [vmConfig],
};
