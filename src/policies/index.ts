import { clientIdEnforcement } from './client-id-enforcement.js';
import { cors } from './cors.js';
import { headerInjection } from './header-injection.js';
import { headerRemoval } from './header-removal.js';
import { httpBasicAuthentication } from './http-basic-authentication.js';
import { ipAllowlist } from './ip-allowlist.js';
import { ipBlocklist } from './ip-blocklist.js';
import { jsonThreatProtection } from './json-threat-protection.js';
import { jwtValidation } from './jwt-validation.js';
import type { PolicyType } from './policy.js';
import { rateLimiting } from './rate-limiting.js';
import { rateLimitingSlaBased } from './rate-limiting-sla-based.js';
import { spikeControl } from './spike-control.js';
import { oauth2TokenEnforcement } from './token-enforcement/oauth2.js';
import { openidConnectTokenEnforcement } from './token-enforcement/openid-connect.js';

/** Every policy kind flowrt implements, by id. Adding one is adding its file and a line here. */
export const POLICIES: readonly PolicyType[] = [jwtValidation, headerInjection, clientIdEnforcement, openidConnectTokenEnforcement, oauth2TokenEnforcement, rateLimiting, rateLimitingSlaBased, spikeControl, jsonThreatProtection, ipAllowlist, ipBlocklist, cors, headerRemoval, httpBasicAuthentication];
