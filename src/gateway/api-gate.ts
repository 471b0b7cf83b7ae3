import type { ResponseSpec } from '../http/response.js';
import type { Gate, Next, PolicyContext } from '../policies/shared/policy.js';
import { rejection } from '../policies/shared/refusals.js';
import type { RuntimeMetrics } from '../runtime/metrics.js';
import type { Gatekeeper, ManagerDoc } from './manager-doc.js';
import type { LiveApi } from './policy-installer.js';

/**
 * The gate every governed request passes: the chain of its API's policies ahead of the flow. It
 * fails closed: an API with no valid policy set is blocked (503) unless the gatekeeper is
 * disabled, and a policy that throws answers 500 rather than letting the request through.
 */
export class ApiGate implements Gate {
  private gatekeeper: Gatekeeper = 'flexible';
  private anypointCompat = false;
  private loaded = false;

  /**
   * `live` is the policy installer's map of APIs in force; `refused` says why an API (or, under
   * '', the whole document) was refused, for the log of a blocked request.
   */
  constructor(
    private readonly live: ReadonlyMap<string, LiveApi>,
    private readonly refused: ReadonlyMap<string, string>,
    private readonly metrics: RuntimeMetrics | undefined,
    private readonly appName: string,
  ) {}

  /** Takes the document's gate settings (gatekeeper mode, Anypoint status codes). */
  configure(doc: ManagerDoc): void {
    this.gatekeeper = doc.gatekeeper ?? 'flexible';
    this.anypointCompat = doc.anypointCompat ?? false;
  }

  /** A document has been applied: an API it lacks is now "not in the API manager", no longer "not loaded". */
  opened(): void {
    this.loaded = true;
  }

  async run(apiId: string, ctx: PolicyContext, final: Next): Promise<ResponseSpec> {
    const { metrics } = this;
    if (!metrics) return this.pass(apiId, ctx, final);
    // The flow's responses are counted by its source; the ones it never saw are rejections.
    let reached = false;
    const response = await this.pass(apiId, ctx, () => {
      reached = true;
      return final();
    });
    if (!reached) metrics.policyRejection(this.appName, apiId, response.status);
    return response;
  }

  /** Whether `apiId`'s requests see Anypoint's status codes. */
  compatFor(apiId: string): boolean {
    return this.live.get(apiId)?.anypointCompat ?? this.anypointCompat;
  }

  private async pass(apiId: string, ctx: PolicyContext, final: Next): Promise<ResponseSpec> {
    const api = this.live.get(apiId);
    if (!api) {
      if (this.gatekeeper === 'disabled') return final();
      // The reason goes to the log and the admin API; clients learn only that the API is unavailable.
      ctx.log.warn(
        { apiId, reason: this.refused.get(apiId) ?? (this.loaded ? 'not in the API manager' : 'policies not loaded') },
        'API blocked by the gatekeeper',
      );
      return blocked(apiId);
    }
    try {
      return await api.chain(ctx, final);
    } catch (e) {
      // A policy that breaks must not let the request through: fail closed.
      ctx.log.error({ apiId, err: (e as Error).message }, 'policy failed');
      return rejection(500, { error: 'server_error', error_description: 'a policy of this API failed' });
    }
  }
}

function blocked(apiId: string): ResponseSpec {
  return rejection(503, { error: 'service_unavailable', error_description: `API ${apiId} is not available yet` }, { 'retry-after': '5' });
}
