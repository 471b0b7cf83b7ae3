import type { StepType } from '../spi/component.js';
import { asyncScope } from './async.js';
import { choice } from './choice.js';
import { firstSuccessful } from './first-successful.js';
import { flowRef } from './flow-ref.js';
import { foreach } from './foreach.js';
import { httpRequest } from './http-request.js';
import { jsonValidateSchema } from './json-validate-schema.js';
import { createClient } from './oauth2-provider/create-client.js';
import { deleteClient } from './oauth2-provider/delete-client.js';
import { revokeToken } from './oauth2-provider/revoke-token.js';
import { validateToken } from './oauth2-provider/validate-token.js';
import { logger } from './logger.js';
import { parallelForeach } from './parallel-foreach.js';
import { raiseError } from './raise-error.js';
import { removeVariable } from './remove-variable.js';
import { roundRobin } from './round-robin.js';
import { scatterGather } from './scatter-gather.js';
import { setPayload } from './set-payload.js';
import { setVariable } from './set-variable.js';
import { transform } from './transform.js';
import { tryScope } from './try.js';
import { untilSuccessful } from './until-successful.js';
import { VALIDATION_STEPS } from './validation/index.js';

/** Every processor element flowrt implements. Adding one is adding its file and a line here. */
export const STEPS: readonly StepType[] = [
  setPayload,
  setVariable,
  removeVariable,
  logger,
  flowRef,
  choice,
  raiseError,
  transform,
  tryScope,
  foreach,
  parallelForeach,
  scatterGather,
  untilSuccessful,
  firstSuccessful,
  asyncScope,
  roundRobin,
  httpRequest,
  jsonValidateSchema,
  validateToken,
  createClient,
  deleteClient,
  revokeToken,
  ...VALIDATION_STEPS,
];
