import type { GlobalType } from '../spi/component.js';

/**
 * `<validation:config name>`: the Validation module's optional configuration, which operations
 * may name with `config-ref` (Studio adds one to every app that validates). Its `validation:i18n`
 * (a resource bundle of translated default messages) is accepted and not applied: flowrt's default
 * messages are Mule's English ones; give a `message` on the operation for another text.
 */
export const validationConfig: GlobalType = {
  element: 'validation:config',
  spec: {
    attributes: { name: { kind: 'literal', required: true } },
    children: {
      'validation:i18n': { attributes: { bundlePath: { kind: 'literal', required: true }, locale: { kind: 'literal' } } },
    },
  },
  build(node) {
    const i18n = node.child('validation:i18n');
    if (i18n)
      i18n.warn(
        'ignored-setting',
        'validation:i18n is not applied: default messages stay in English',
        'give the operations a message="…" in the language you need',
      );
    return { name: node.literal('name') };
  },
};
