import { clientIdEnforcement } from './client-id-enforcement.js';
import { headerInjection } from './header-injection.js';
import { jwtValidation } from './jwt-validation.js';
import type { PolicyType } from './policy.js';
import { oauth2TokenEnforcement } from './token-enforcement/oauth2.js';
import { openidConnectTokenEnforcement } from './token-enforcement/openid-connect.js';

/** Every policy kind flowrt implements, by id. Adding one is adding its file and a line here. */
export const POLICIES: readonly PolicyType[] = [jwtValidation, headerInjection, clientIdEnforcement, openidConnectTokenEnforcement, oauth2TokenEnforcement];
