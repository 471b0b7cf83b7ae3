import type { ResponseSpec } from '../../http/response.js';
import { MAX_REGISTRATION_BODY_BYTES } from '../limits.js';
import type { ProviderCore } from '../provider-core.js';
import type { OAuthRequest } from '../request.js';
import type { ProviderSettings } from '../settings.js';
import { authorizeEndpoint } from './authorize.js';
import { introspectEndpoint } from './introspect.js';
import { jwksEndpoint } from './jwks.js';
import { metadataEndpoint } from './metadata.js';
import { registerEndpoint } from './register.js';
import { revokeEndpoint } from './revoke.js';
import { tokenEndpoint } from './token.js';

/** One endpoint of a provider: where it is (relative to the listener's basePath, unless `root`) and what it answers. */
export interface EndpointType {
  readonly name: string;
  readonly methods: readonly string[];
  /** Its path, or undefined when the settings turn it off. */
  path(settings: ProviderSettings, core: ProviderCore): string | undefined;
  /** True when `path` is absolute on the server (RFC 8414's well-known URL sits before the issuer's path). */
  readonly root?: boolean;
  /** The largest request body it reads, in bytes; bigger ones are refused with 413 before they are held (default 64 KiB). */
  readonly maxBodyBytes?: number;
  handle(req: OAuthRequest, core: ProviderCore): Promise<ResponseSpec>;
}

/** Every endpoint a provider may serve. */
export const ENDPOINTS: readonly EndpointType[] = [
  {
    name: 'authorization',
    methods: ['GET', 'POST'],
    path: (s) => (s.grantTypes.has('authorization_code') ? s.authorization.path : undefined),
    handle: authorizeEndpoint,
  },
  { name: 'token', methods: ['POST'], path: (s) => s.token.path, handle: tokenEndpoint },
  { name: 'introspection', methods: ['POST'], path: (s) => s.paths.introspection, handle: introspectEndpoint },
  { name: 'revocation', methods: ['POST'], path: (s) => s.paths.revocation, handle: revokeEndpoint },
  { name: 'metadata', methods: ['GET'], root: true, path: (s) => s.paths.metadata, handle: metadataEndpoint },
  { name: 'jwks', methods: ['GET'], path: (s, core) => (core.signer ? s.paths.jwks : undefined), handle: jwksEndpoint },
  {
    name: 'registration',
    methods: ['POST'],
    path: (s) => (s.registrationTokenHash ? s.paths.registration : undefined),
    handle: registerEndpoint,
    maxBodyBytes: MAX_REGISTRATION_BODY_BYTES,
  },
];
