/** A node of JSONata's parse tree, as `expression.ast()` returns it. */
export interface AstNode {
  readonly type?: string;
  readonly value?: unknown;
  readonly position?: number;
  readonly procedure?: AstNode & { readonly steps?: readonly AstNode[] };
  readonly [key: string]: unknown;
}

/** Visits every node of a JSONata parse tree. */
export function walkAst(ast: unknown, visit: (node: AstNode) => void): void {
  if (Array.isArray(ast)) {
    for (const n of ast) walkAst(n, visit);
    return;
  }
  if (!ast || typeof ast !== 'object') return;
  visit(ast as AstNode);
  for (const value of Object.values(ast)) if (value && typeof value === 'object') walkAst(value, visit);
}

/** The `$name` variables an expression reads. */
export function variablesOf(ast: unknown): Set<string> {
  const out = new Set<string>();
  walkAst(ast, (n) => {
    if (n.type === 'variable' && typeof n.value === 'string') out.add(n.value);
  });
  return out;
}
