import type { GlobalType } from '../spi/component.js';
import { apiGatewayAutodiscovery } from './api-gateway-autodiscovery.js';
import { configuration, configurationProperties, globalProperty, importFile } from './core-globals.js';
import { httpListenerConfig } from './http-listener-config.js';
import { httpRequestConfig } from './http-request-config.js';
import { oauth2ProviderConfig } from './oauth2-provider-config.js';
import { securePropertiesConfig } from './secure-properties-config.js';
import { tlsContextGlobal } from './tls-context.js';
import { validationConfig } from './validation-config.js';

/** Every global (named, top-level) element flowrt implements besides flows and error handlers. */
export const GLOBALS: readonly GlobalType[] = [
  httpListenerConfig,
  httpRequestConfig,
  configurationProperties,
  globalProperty,
  importFile,
  configuration,
  apiGatewayAutodiscovery,
  oauth2ProviderConfig,
  securePropertiesConfig,
  tlsContextGlobal,
  validationConfig,
];
