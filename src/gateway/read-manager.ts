import type { ErrorObject, ValidateFunction } from 'ajv';
import { createRequire } from 'node:module';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Diagnostic } from '../errors/diagnostic.js';
import { error } from '../errors/diagnostic.js';
import type { SourceLocation } from '../model/location.js';
import type { PolicyType } from '../policies/shared/policy.js';
import type { ManagerDoc } from './manager-doc.js';
import { policyName } from './manager-doc.js';
import { managerSchema } from './manager-schema.js';
import { pointerSegments } from '../util/json-pointer.js';

export type Path = ReadonlyArray<string | number>;

export interface ReadManager {
  readonly doc?: ManagerDoc;
  readonly diagnostics: Diagnostic[];
  /**
   * Where a value of the document is written (its key, with `key`), for problems found later
   * (a policy that cannot be built).
   */
  locate(path: Path, key?: boolean): SourceLocation;
}

const validators = new WeakMap<readonly PolicyType[], ValidateFunction>();

/**
 * The document's validator, compiled the first time a document is read. Ajv is required here, not
 * imported: with its compile it is a quarter of a second that an app without a document never spends.
 */
function validatorFor(policies: readonly PolicyType[]): ValidateFunction {
  let v = validators.get(policies);
  if (!v) {
    const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
    v = new Ajv2020({ allErrors: true, strict: false }).compile(managerSchema(policies));
    validators.set(policies, v);
  }
  return v;
}

/**
 * Reads api-manager.yaml (or JSON): YAML syntax, the schema (policy configurations included),
 * unique apiIds and policy names, pointcut regexes. Every problem is located at its line.
 */
export function readManager(text: string, file: string, policies: readonly PolicyType[]): ReadManager {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  const locate = (path: Path, key = false): SourceLocation => at(offsetOf(document, path, key));
  if (document.errors.length > 0) {
    return { diagnostics: document.errors.map((e) => error('invalid-yaml', `invalid YAML: ${e.message.split('\n')[0]}`, at(e.pos[0]))), locate };
  }
  const data = (document.toJS() ?? {}) as unknown;
  // No document (or an empty one) is valid as it is: the schema requires nothing at the top.
  if (!isEmptyObject(data)) {
    const validate = validatorFor(policies);
    if (!validate(data)) return { diagnostics: schemaProblems(validate.errors ?? [], locate), locate };
  }
  const doc = data as ManagerDoc;
  const diagnostics = semanticProblems(doc, locate);
  return { doc: diagnostics.length === 0 ? doc : undefined, diagnostics, locate };
}

function isEmptyObject(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).length === 0;
}

function semanticProblems(doc: ManagerDoc, locate: (path: Path) => SourceLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const apiIds = new Set<string>();
  const providers = new Set<string>();
  (doc.clientProviders ?? []).forEach((p, i) => {
    if (providers.has(p.name))
      out.push(error('duplicate-client-provider', `client provider ${p.name} is defined twice`, locate(['clientProviders', i, 'name'])));
    providers.add(p.name);
  });
  const unknownProvider = (name: string | undefined, path: Path) => {
    if (name !== undefined && !providers.has(name)) {
      const known = [...providers].join(', ') || 'none are defined';
      out.push(error('unknown-client-provider', `client provider "${name}" is not defined under clientProviders (${known})`, locate(path)));
    }
  };
  (doc.apis ?? []).forEach((api, i) => unknownProvider(api.clientProvider, ['apis', i, 'clientProvider']));
  const clientIds = new Set<string>();
  (doc.applications ?? []).forEach((app, i) => {
    if (clientIds.has(app.clientId))
      out.push(error('duplicate-client-id', `client id ${app.clientId} belongs to two applications`, locate(['applications', i, 'clientId'])));
    clientIds.add(app.clientId);
    unknownProvider(app.clientProvider, ['applications', i, 'clientProvider']);
  });
  (doc.apis ?? []).forEach((api, i) => {
    const apiId = String(api.apiId);
    if (apiIds.has(apiId)) out.push(error('duplicate-api', `apiId ${apiId} is listed twice`, locate(['apis', i, 'apiId'])));
    apiIds.add(apiId);
    const names = new Set<string>();
    (api.policies ?? []).forEach((p, j) => {
      const name = policyName(p);
      if (names.has(name)) {
        out.push(error('duplicate-policy', `API ${apiId} applies "${name}" twice; give one a different name`, locate(['apis', i, 'policies', j])));
      }
      names.add(name);
      (p.pointcut ?? []).forEach((pc, k) => {
        for (const key of ['methodRegex', 'uriTemplateRegex'] as const) {
          const re = pc[key];
          if (re === undefined) continue;
          try {
            new RegExp(re);
          } catch (e) {
            out.push(
              error(
                'invalid-regex',
                `${key} is not a valid regular expression: ${(e as Error).message}`,
                locate(['apis', i, 'policies', j, 'pointcut', k, key]),
              ),
            );
          }
        }
      });
    });
  });
  return out;
}

/** ajv's errors, the noise of `if/then` and `allOf` removed, each at the value it is about. */
function schemaProblems(errors: readonly ErrorObject[], locate: (path: Path, key?: boolean) => SourceLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    const path = pointerSegments(e.instancePath);
    const where = e.instancePath || '/';
    let message = `${where}: ${e.message ?? 'is invalid'}`;
    let atKey = false;
    if (e.keyword === 'additionalProperties') {
      atKey = true;
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      path.push(extra);
      message = `${where}: unknown property "${extra}"`;
    } else if (e.keyword === 'enum') {
      message = `${where}: must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    if (seen.has(message)) continue;
    seen.add(message);
    out.push(error('invalid-api-manager', message, locate(path, atKey)));
  }
  return out;
}

/** The offset of the deepest node of `path` that exists: the value's, or its key's when asked or when it has no value. */
function offsetOf(document: Document, path: Path, key: boolean): number {
  let node: unknown = document.contents;
  let offset = (node as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(step));
      if (!pair) break;
      offset = (pair.key as { range?: [number] } | null)?.range?.[0] ?? offset;
      node = pair.value;
      const valueAt = (node as { range?: [number] } | null)?.range?.[0];
      if (valueAt !== undefined && !key) offset = valueAt;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      offset = (node as { range?: [number] } | null)?.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}
