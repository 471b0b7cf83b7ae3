import { headerInjection } from './header-injection.js';
import { jwtValidation } from './jwt-validation.js';
import type { PolicyType } from './policy.js';

/** Every policy kind flowrt implements, by id. Adding one is adding its file and a line here. */
export const POLICIES: readonly PolicyType[] = [jwtValidation, headerInjection];
