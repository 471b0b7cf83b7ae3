/**
 * client-id-enforcement's configuration: Anypoint's parameter names and defaults, so an exported
 * `configurationData` carries over. With `httpBasicAuthenticationHeader` the expressions are
 * ignored (exports still carry `clientIdExpression`, as Anypoint's UI fills it in).
 */
export const CLIENT_ID_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    credentialsOriginHasHttpBasicAuthenticationHeader: {
      enum: ['customExpression', 'httpBasicAuthenticationHeader'],
      default: 'customExpression',
      description:
        'customExpression: the credentials are where clientIdExpression and clientSecretExpression say; httpBasicAuthenticationHeader: Authorization: Basic base64(client_id:client_secret)',
    },
    clientIdExpression: { type: 'string', minLength: 1, default: "#[attributes.headers['client_id']]" },
    clientSecretExpression: {
      type: 'string',
      default: "#[attributes.headers['client_secret']]",
      description: 'empty: only the client id is checked (Anypoint: "blank when the client secret is optional")',
    },
  },
} as const;
