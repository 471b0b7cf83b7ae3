import { accessIntrospection } from '../oauth2/endpoints/introspect.js';
import { OAuthProvider } from '../oauth2/provider.js';
import type { ClientProvider, Introspection } from '../policies/shared/identity.js';
import { IdpUnavailableError } from '../policies/shared/identity.js';
import type { App } from '../runtime/app.js';

/**
 * A client provider of `type: flowrt`: the app's own `<oauth2-provider:config>`, asked in process
 * (no HTTP hop, no credentials), so the token-enforcement policies can protect APIs with the
 * tokens the app itself issues. The app is looked up on every call: a reload's new provider
 * answers at once.
 */
export class LocalClientProvider implements ClientProvider {
  constructor(
    readonly name: string,
    private readonly configName: string,
    private readonly app: () => App | undefined,
  ) {}

  async issuer(): Promise<string> {
    const settings = this.provider().core.settings;
    if (settings.issuer) return settings.issuer;
    throw new IdpUnavailableError(
      `client provider ${this.name}: oauth2-provider:config ${this.configName} has no issuer attribute, which a local issuer check needs`,
    );
  }

  async jwksUri(): Promise<string> {
    throw new IdpUnavailableError(
      `client provider ${this.name}: use the token-enforcement policies with a local provider; its JWKS is served on its listener (jwksUrl)`,
    );
  }

  async introspect(token: string): Promise<Introspection> {
    const { core } = this.provider();
    const record = await core.tokens.lookup(token);
    return record ? accessIntrospection(record, core.settings.issuer) : { active: false };
  }

  async canRegister(): Promise<boolean> {
    return false;
  }

  async register(): Promise<Record<string, unknown>> {
    throw new Error(`client provider ${this.name} is the app's own provider: create clients with oauth2-provider:create-client`);
  }

  async stop(): Promise<void> {}

  private provider(): OAuthProvider {
    const found = this.app()?.configs.get(this.configName);
    if (found instanceof OAuthProvider) return found;
    throw new IdpUnavailableError(`client provider ${this.name}: the app has no <oauth2-provider:config name="${this.configName}">`);
  }
}
