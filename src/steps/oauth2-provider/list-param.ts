import type { EventLike } from '../../expr/scope.js';
import type { Value } from '../../expr/value.js';
import { toText } from '../../expr/value.js';
import { list } from '../../oauth2/lists.js';
import type { ComponentNode } from '../../spi/component.js';
import type { AttrSpec, ChildSpec } from '../../spi/spec.js';

/**
 * A list parameter of an OAuth2 Provider operation (`scopes`, `resourceOwnerRoles` …), written as
 * Mule's SDK lets a list be written: an expression giving a list (`#[['READ', 'WRITE']]`) or a
 * string, a literal comma- or space-separated string (`READ, WRITE`), or child elements
 * (`<oauth2-provider:scopes><oauth2-provider:scope value="READ"/></oauth2-provider:scopes>`).
 */
export interface ListParam {
  /** The list when it never depends on the event; undefined for an expression. */
  readonly constant?: readonly string[];
  evaluate(event: EventLike): Promise<readonly string[]>;
}

export const LIST_ATTRIBUTE: AttrSpec = {
  kind: 'expression-supported',
  doc: "A list (#[['READ', 'WRITE']]), a string, or a comma- or space-separated literal.",
};

/** The child elements a list parameter may be written as: `<wrapper><item value/></wrapper>`. */
export function listChildren(wrapper: string, item: string): Record<string, ChildSpec> {
  return { [wrapper]: { attributes: {}, children: { [item]: { attributes: { value: { kind: 'literal', required: true } }, max: Infinity } } } };
}

/** The parameter `name` of `node`, from its attribute or its `wrapper`/`item` children. */
export function listParam(node: ComponentNode, name: string, wrapper: string, item: string): ListParam {
  const written = node.child(wrapper);
  if (written) {
    if (node.element.attrs.has(name)) node.error('duplicate-parameter', `${name} is given twice: as an attribute and as <${wrapper}>`, 'keep one of them');
    const items = written
      .children(item)
      .map((c) => c.literal('value') ?? '')
      .filter(Boolean);
    return constantList(items);
  }
  const value = node.value(name);
  if (!value) return constantList([]);
  if (value.constant) return constantList(list(value.source));
  return { evaluate: async (event) => listOf(await value.evaluate(event)) };
}

function constantList(items: readonly string[]): ListParam {
  const resolved = Promise.resolve(items);
  return { constant: items, evaluate: () => resolved };
}

/** A value as a list: an array's items as text, or a comma- or space-separated string. */
export function listOf(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw))
    return raw
      .filter((v) => v !== undefined && v !== null)
      .map((v) => toText(v).trim())
      .filter(Boolean);
  return list(toText(raw));
}

/** {@link listOf} of a Value, for operations that read a list attribute per event. */
export async function listValue(value: Value | undefined, event: EventLike): Promise<string[]> {
  return listOf(value ? await value.evaluate(event) : undefined);
}
