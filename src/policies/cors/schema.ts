import { TOKEN_PATTERN } from '../../util/http-token.js';

const names = (description: string) => ({ type: 'array', items: { type: 'string', minLength: 1 }, default: [], description }) as const;

/** The methods a group allows when it lists none (Anypoint's default: every one of these, allowed). */
export const DEFAULT_METHODS = ['CONNECT', 'DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'] as const;

/**
 * cors's configuration: Anypoint's parameter names and defaults, so an exported
 * configurationData carries over. `originGroupName` is Anypoint's label for a group, accepted and
 * unused.
 */
export const CORS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    publicResource: {
      type: 'boolean',
      default: true,
      description: 'true: any origin may call (Access-Control-Allow-Origin: *), originGroups are ignored; false: only the origins of originGroups',
    },
    supportCredentials: {
      type: 'boolean',
      default: false,
      description: 'Access-Control-Allow-Credentials: true; the origin is then named, never *',
    },
    originGroups: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          originGroupName: { type: 'string' },
          origins: names('scheme://host[:port], e.g. https://app.example.com; * for any origin'),
          accessControlMaxAge: {
            type: ['integer', 'string'],
            pattern: '^[0-9]+$',
            minimum: 0,
            default: 30,
            description: 'seconds a browser may cache a preflight answer (Access-Control-Max-Age)',
          },
          allowedMethods: {
            type: 'array',
            description: `the methods a preflight may ask for; absent: ${DEFAULT_METHODS.join(', ')}`,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['methodName'],
              properties: { methodName: { type: 'string', pattern: TOKEN_PATTERN }, isAllowed: { type: 'boolean', default: true } },
            },
          },
          headers: names('request headers a preflight may ask for (Access-Control-Allow-Headers)'),
          exposedHeaders: names('response headers the browser may show the page (Access-Control-Expose-Headers)'),
        },
      },
    },
  },
} as const;
