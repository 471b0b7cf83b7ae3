import { clientIdEnforcement } from './client-id-enforcement/client-id-enforcement.js';
import { cors } from './cors/cors.js';
import { headerInjection } from './header-injection/header-injection.js';
import { headerRemoval } from './header-removal/header-removal.js';
import { httpBasicAuthentication } from './http-basic-authentication/http-basic-authentication.js';
import { ipAllowlist } from './ip-filter/ip-allowlist.js';
import { ipBlocklist } from './ip-filter/ip-blocklist.js';
import { jsonThreatProtection } from './json-threat-protection/json-threat-protection.js';
import { jwtValidation } from './jwt-validation/jwt-validation.js';
import type { PolicyType } from './shared/policy.js';
import { rateLimiting } from './rate-limiting/rate-limiting.js';
import { rateLimitingSlaBased } from './rate-limiting/rate-limiting-sla-based.js';
import { spikeControl } from './spike-control/spike-control.js';
import { oauth2TokenEnforcement } from './token-enforcement/oauth2.js';
import { openidConnectTokenEnforcement } from './token-enforcement/openid-connect.js';

/** Every policy kind flowrt implements, by id. Adding one is adding its file and a line here. */
export const POLICIES: readonly PolicyType[] = [
  jwtValidation,
  headerInjection,
  clientIdEnforcement,
  openidConnectTokenEnforcement,
  oauth2TokenEnforcement,
  rateLimiting,
  rateLimitingSlaBased,
  spikeControl,
  jsonThreatProtection,
  ipAllowlist,
  ipBlocklist,
  cors,
  headerRemoval,
  httpBasicAuthentication,
];
