// Signs a share of a fresh-token pool (see tokens.js).
import { parentPort, workerData } from 'node:worker_threads';
import { importPrivate, signToken } from './tokens.js';

const key = await importPrivate(workerData.privateJwk);
const tokens = [];
for (let i = 0; i < workerData.n; i++) tokens.push(await signToken(key, `${workerData.prefix}-${i}`));
parentPort.postMessage(tokens);
