/**
 * The parse tree of a DataWeave 2 script. Every node carries `at`, its 1-based line and column in
 * the script text; the caller maps that to the XML file holding the script.
 */
export interface Pos {
  readonly line: number;
  readonly col: number;
}

/** The types a `|…|` literal can denote (DataWeave's Date, DateTime … Period). */
export type TemporalType = 'Date' | 'DateTime' | 'LocalDateTime' | 'Time' | 'LocalTime' | 'TimeZone' | 'Period';

export type Expr =
  | { kind: 'number'; at: Pos; text: string }
  | { kind: 'string'; at: Pos; value: string }
  | { kind: 'template'; at: Pos; parts: Array<string | Expr> }
  | { kind: 'boolean'; at: Pos; value: boolean }
  | { kind: 'null'; at: Pos }
  | { kind: 'temporal'; at: Pos; type: TemporalType; text: string }
  | { kind: 'regex'; at: Pos; pattern: string }
  /** A variable or function by name; module-qualified names keep their `::` (`Strings::camelize`). */
  | { kind: 'ref'; at: Pos; name: string }
  /** `$`, `$$`, `$$$`: the implicit parameters of a lambda. */
  | { kind: 'anon'; at: Pos; depth: 1 | 2 | 3 }
  | { kind: 'object'; at: Pos; fields: ObjectPart[] }
  | { kind: 'array'; at: Pos; items: ArrayItem[] }
  | { kind: 'range'; at: Pos; from: Expr; to: Expr }
  | { kind: 'unary'; at: Pos; op: '-' | '!' | 'not'; operand: Expr }
  | { kind: 'binary'; at: Pos; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'as'; at: Pos; value: Expr; type: TypeExpr; props?: Expr }
  | { kind: 'is'; at: Pos; value: Expr; type: TypeExpr }
  | { kind: 'if'; at: Pos; cond: Expr; then: Expr; else: Expr }
  | { kind: 'match'; at: Pos; value: Expr; cases: MatchCase[] }
  | { kind: 'update'; at: Pos; value: Expr; cases: UpdateCase[] }
  | { kind: 'do'; at: Pos; header: Directive[]; body: Expr }
  | { kind: 'lambda'; at: Pos; params: Param[]; returnType?: TypeExpr; body: Expr }
  /** `f(a)`; `infix` when written `a f b`. */
  | { kind: 'call'; at: Pos; callee: Expr; args: Expr[]; infix?: boolean }
  | { kind: 'select'; at: Pos; target: Expr; sel: Selector }
  /** What an `update` case's selector path starts from. */
  | { kind: 'updated'; at: Pos };

export type BinaryOp = '+' | '-' | '*' | '/' | '++' | '--' | '>>' | '<<' | '<' | '>' | '<=' | '>=' | '==' | '!=' | '~=' | 'and' | 'or' | 'default';

/**
 * A selector applied to a value: `.a` (value), `.*a` (multi), `..a` (descendants), `..*a`,
 * `.@a` / `.@` (attribute / all attributes), `.#` (namespace), `.^a` (metadata), `[i]` (index, incl.
 * ranges), `[?(c)]` (filter), `a?` (exists), `a!` (assert present).
 */
export type Selector =
  | { op: 'value' | 'multi' | 'descendants' | 'multiDescendants' | 'attribute' | 'multiAttribute'; key: Key }
  | { op: 'attributes' | 'namespace' | 'exists' | 'assert' }
  | { op: 'metadata'; name?: string }
  | { op: 'index' | 'filter'; expr: Expr };

/** An object key or a selector name: a plain name, a dynamic `(expr)` or interpolated string, with an optional `ns#` prefix and `@(…)` attributes. */
export interface Key {
  readonly at: Pos;
  readonly name: string | Expr;
  readonly ns?: string;
  readonly attrs?: ObjectPart[];
}

export type ObjectPart =
  | { kind: 'field'; at: Pos; key: Key; value: Expr; cond?: Expr }
  /** `(obj)` inside an object: its fields are spliced in; `cond` when written `(…) if c`. */
  | { kind: 'spread'; at: Pos; value: Expr; cond?: Expr };

export interface ArrayItem {
  readonly value: Expr;
  readonly cond?: Expr;
}

export type Pattern =
  { kind: 'literal'; value: Expr } | { kind: 'type'; type: TypeExpr } | { kind: 'regex'; regex: Expr } | { kind: 'guard'; cond: Expr } | { kind: 'any' };

export interface MatchCase {
  readonly at: Pos;
  /** The name the matched value (or the regex groups) is bound to, if the case names one. */
  readonly bind?: string;
  readonly pattern: Pattern;
  readonly body: Expr;
}

export interface UpdateCase {
  readonly at: Pos;
  readonly bind?: string;
  readonly path: Expr;
  readonly guard?: Expr;
  readonly body: Expr;
}

export interface Param {
  readonly at: Pos;
  readonly name: string;
  readonly type?: TypeExpr;
  readonly default?: Expr;
}

export type TypeExpr =
  | { kind: 'named'; at: Pos; name: string; args: TypeExpr[] }
  | { kind: 'objectType'; at: Pos; fields: Array<{ key: string; optional: boolean; type: TypeExpr }> }
  | { kind: 'functionType'; at: Pos; params: TypeExpr[]; result: TypeExpr }
  | { kind: 'literalType'; at: Pos; value: Expr }
  | { kind: 'union' | 'intersection'; at: Pos; types: TypeExpr[] };

export interface WriterProperty {
  readonly name: string;
  readonly value: Expr;
}

export type Directive =
  | { kind: 'version'; at: Pos; version: string }
  | { kind: 'output'; at: Pos; mime: string; props: WriterProperty[] }
  | { kind: 'input'; at: Pos; name: string; mime: string; props: WriterProperty[] }
  | { kind: 'var'; at: Pos; name: string; type?: TypeExpr; value: Expr }
  | { kind: 'fun'; at: Pos; name: string; typeParams: string[]; params: Param[]; returnType?: TypeExpr; body: Expr }
  /** `import dw::core::Strings` (names undefined), `import * from m` (names '*'), `import a, b as c from m`. */
  | { kind: 'import'; at: Pos; module: string; alias?: string; names?: '*' | Array<{ name: string; alias?: string }> }
  | { kind: 'ns'; at: Pos; prefix: string; uri: string }
  | { kind: 'type'; at: Pos; name: string; typeParams: string[]; type: TypeExpr };

export interface Script {
  readonly header: Directive[];
  readonly body: Expr;
}
