import type { StepType } from '../spi/component.js';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
type MuleLevel = keyof typeof LEVELS;

/**
 * `<logger level message category>`: `message` is a template (`Sum is #[payload.total]`);
 * without one, Mule logs the event, so we log its payload and variables.
 */
export const logger: StepType = {
  element: 'logger',
  spec: {
    attributes: {
      level: { kind: 'literal', default: 'INFO', values: Object.keys(LEVELS) },
      message: { kind: 'template' },
      category: { kind: 'literal' },
    },
  },
  build(node) {
    const level = LEVELS[(node.literal('level') ?? 'INFO') as MuleLevel] ?? 'info';
    const message = node.value('message');
    const category = node.literal('category');
    const bindings = category ? { category } : {};
    return {
      location: node.location,
      async process(event, ctx) {
        // Evaluate only when the level is enabled: a disabled logger costs nothing.
        if (!ctx.log.isLevelEnabled(level)) return event;
        if (message) ctx.log[level](bindings, String(await message.evaluate(event)));
        else ctx.log[level]({ ...bindings, payload: event.payload, vars: event.vars }, 'event');
        return event;
      },
    };
  },
};
