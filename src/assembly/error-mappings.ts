import type { ErrorMapping } from '../runtime/error-mapping.js';
import type { ComponentNode } from '../spi/component.js';

/**
 * The `<error-mapping>` children of an operation. Mule reads sourceType as a handler reads its
 * type (ANY when absent, a type something raises) and targetType as raise-error reads its type
 * (a custom NAMESPACE:IDENTIFIER, declared by being written).
 */
export function errorMappings(node: ComponentNode): ErrorMapping[] {
  const out: ErrorMapping[] = [];
  for (const child of node.children('error-mapping')) {
    const sourceAttr = child.element.attrs.get('sourceType');
    const targetAttr = child.element.attrs.get('targetType');
    const source = child.errorType(child.literal('sourceType') ?? 'ANY', 'handle', sourceAttr?.valueLoc);
    const target = targetAttr && child.errorType(targetAttr.value, 'raise', targetAttr.valueLoc);
    if (source && target) out.push({ source, target });
  }
  return out;
}
