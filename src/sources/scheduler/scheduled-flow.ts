import { randomUUID } from 'node:crypto';
import { FlowError } from '../../errors/flow-error.js';
import type { RunningSchedule, ScheduleOptions, Tick } from '../../queues/schedule.js';
import type { ActiveSource } from '../../runtime/app.js';
import { FlowEvent } from '../../runtime/event.js';
import type { Flow } from '../../runtime/flow.js';
import { execContext } from '../../runtime/processor.js';
import type { BuildServices } from '../../spi/component.js';

/**
 * A flow run by a schedule: started once the app's flows run, its schedule named
 * `<app>/<flow>` so that the next version of the app (a reload) takes the same schedule over.
 */
export class ScheduledFlow implements ActiveSource {
  readonly kind = 'scheduler';
  private running?: RunningSchedule;

  constructor(
    private readonly flow: Flow,
    readonly location: string,
    private readonly options: ScheduleOptions,
    private readonly services: BuildServices,
  ) {}

  get flowName(): string {
    return this.flow.name;
  }

  async start(): Promise<void> {
    this.running = await this.services.schedules.run(`${this.services.appName}/${this.flow.name}`, this.options, (tick) => this.fire(tick));
  }

  async stop(graceMs: number): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop(graceMs);
  }

  /**
   * One tick: a new event, as Mule's scheduler makes it (payload and attributes null), through
   * the flow. A failure is the flow's to handle and log; the schedule goes on.
   */
  private async fire(tick: Tick): Promise<void> {
    const { log, flows, metrics, appName } = this.services;
    const where = { flow: this.flow.name, source: this.location, dueAt: new Date(tick.dueAt).toISOString(), manual: tick.manual };
    // Mule skips a trigger when the flow has no room for it (back-pressure), rather than queue it.
    if (this.flow.saturated) {
      log.debug(where, 'scheduler tick skipped: the flow runs its maxConcurrency events already');
      metrics.scheduleTick(appName, this.flow.name, 'skipped');
      return;
    }
    const correlationId = randomUUID();
    const exec = execContext(log, correlationId, flows);
    exec.log.debug(where, 'scheduler fired');
    try {
      await this.flow.process(FlowEvent.create({ payload: null, attributes: undefined }, correlationId), exec);
      metrics.scheduleTick(appName, this.flow.name, 'ok');
    } catch (e) {
      metrics.scheduleTick(appName, this.flow.name, 'failed');
      const logged = e instanceof FlowError && e.logged;
      const errorType = e instanceof FlowError ? e.type.id : undefined;
      if (logged) exec.log.debug({ ...where, errorType }, 'scheduled run failed; the schedule goes on');
      else exec.log.error({ ...where, errorType, err: e }, `scheduled run of flow ${this.flow.name} failed; the schedule goes on`);
    }
  }
}
