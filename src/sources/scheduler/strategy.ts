import { wholeExpression } from '../../expr/value.js';
import { parseQuartz } from '../../queues/quartz-cron.js';
import type { Timing } from '../../queues/schedule.js';
import { timeZone } from '../../queues/time-zone.js';
import type { ComponentNode } from '../../spi/component.js';
import { TIME_UNITS, toMs } from '../../spi/mule-parameters.js';
import type { ChildSpec } from '../../spi/spec.js';

/** java.util.concurrent.TimeUnit, as Mule documents it for fixed-frequency, in ms. */
/** The units Mule documents for fixed-frequency: none finer than a millisecond. */
const UNITS = TIME_UNITS.slice(TIME_UNITS.indexOf('MILLISECONDS'));

/**
 * `<scheduling-strategy>` with one `<fixed-frequency frequency startDelay timeUnit>` (defaults
 * every 60000 ms from the start) or `<cron expression timeZone>`. Mule reads them once, at start:
 * no expressions.
 */
export const SCHEDULING_STRATEGY: ChildSpec = {
  required: true,
  attributes: {},
  children: {
    'fixed-frequency': {
      attributes: {
        frequency: { kind: 'literal', type: 'integer', default: '60000' },
        startDelay: { kind: 'literal', type: 'integer', default: '0' },
        timeUnit: { kind: 'literal', default: 'MILLISECONDS', values: UNITS },
      },
    },
    cron: {
      attributes: {
        expression: { kind: 'literal', required: true },
        timeZone: { kind: 'literal' },
      },
    },
  },
};

/** The timing the strategy describes, every problem reported on the node where it is. */
export function readTiming(strategy: ComponentNode | undefined): Timing | undefined {
  if (!strategy) return undefined;
  const fixed = strategy.child('fixed-frequency');
  const cron = strategy.child('cron');
  if (fixed && cron) {
    strategy.error('too-many', '<scheduling-strategy> takes one strategy: <fixed-frequency> or <cron>', 'keep one of them', cron.loc);
    return undefined;
  }
  if (fixed) return fixedFrequency(fixed);
  if (cron) return cronTiming(cron);
  strategy.error('missing-element', '<scheduling-strategy> needs a <fixed-frequency> or a <cron> element');
  return undefined;
}

function fixedFrequency(node: ComponentNode): Timing | undefined {
  const unitName = node.literal('timeUnit') ?? 'MILLISECONDS';
  const unit = UNITS.includes(unitName as (typeof UNITS)[number]) ? toMs(1, unitName) : undefined;
  const frequency = node.int('frequency');
  const startDelay = node.int('startDelay');
  // A malformed number or unit is reported by the spec's checks already.
  if (unit === undefined || frequency === undefined || startDelay === undefined) return undefined;
  const at = (name: string) => node.element.attrs.get(name)?.valueLoc;
  let ok = true;
  if (frequency < 1) {
    // Mule's runtime refuses it too (FixedFrequencyScheduler: "Frequency must be greater then zero").
    node.error('invalid-frequency', `frequency="${frequency}" cannot schedule: a scheduler fires every 1 ${unitName} or more`, undefined, at('frequency'));
    ok = false;
  } else if (!Number.isSafeInteger(frequency * unit)) {
    node.error('invalid-frequency', `frequency="${frequency}" ${unitName} is longer than a scheduler can wait`, undefined, at('frequency'));
    ok = false;
  }
  if (startDelay < 0 || !Number.isSafeInteger(startDelay * unit)) {
    node.error('invalid-frequency', `startDelay="${startDelay}" cannot schedule: give 0 or more ${unitName}`, undefined, at('startDelay'));
    ok = false;
  }
  return ok ? { kind: 'every', everyMs: frequency * unit, startDelayMs: startDelay * unit } : undefined;
}

function cronTiming(node: ComponentNode): Timing | undefined {
  const expression = node.literal('expression');
  const zoneId = node.literal('timeZone');
  // An expression is reported by the spec's checks already: Mule reads the expression once.
  if (expression === undefined || wholeExpression(expression)) return undefined;
  const at = (name: string) => node.element.attrs.get(name)?.valueLoc;
  const cron = parseQuartz(expression);
  if ('error' in cron) {
    node.error(
      'invalid-cron-expression',
      `expression "${expression}" is not a Quartz cron expression: ${cron.error}`,
      'seconds minutes hours day-of-month month day-of-week [year], e.g. 0 0/5 * ? * MON-FRI',
      at('expression'),
    );
  }
  const zone = zoneId === undefined ? undefined : timeZone(zoneId);
  if (zone && 'error' in zone) {
    node.error('unknown-time-zone', `timeZone ${zone.error}`, 'an IANA zone (Europe/Paris, America/New_York) or GMT+hh:mm', at('timeZone'));
  }
  if ('error' in cron || (zone && 'error' in zone)) return undefined;
  return { kind: 'cron', expression, timeZone: zoneId };
}
