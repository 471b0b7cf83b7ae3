import { apply } from './apply.js';
import { stringify } from './coerce.js';
import { fail } from './errors.js';
import type { Frame } from './frame.js';
import { nativeOf } from './apply.js';
import type { Compiler, Evaluator, Node } from './types.js';

/**
 * `| pattern | update, delete |`: a function that copies its argument (with `$clone`, which an
 * expression may rebind), then merges `update` into each value `pattern` selects in the copy and
 * removes the `delete` fields from it.
 */
export function compileTransform(node: Node, c: Compiler): Evaluator {
  const pattern = c.compile(node.pattern as Node);
  const update = c.compile(node.update as Node);
  const remove = node.delete === undefined ? undefined : c.compile(node.delete as Node);
  const updateAt = (node.update as Node).position;
  const deleteAt = (node.delete as Node | undefined)?.position;
  return (_input, frame) =>
    nativeOf(
      ((obj: unknown) => {
        if (obj === undefined) return undefined;
        const clone = cloneFunction(frame, c);
        if (typeof clone !== 'function') fail('T2013', { position: node.position });
        const result = apply(clone, [obj], null);
        let matches = pattern(result, frame);
        if (matches === undefined) return result;
        if (!Array.isArray(matches)) matches = [matches];
        for (const match of matches as unknown[]) {
          const changes = update(match, frame);
          if (changes !== undefined) {
            if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) fail('T2011', { position: updateAt, value: changes });
            for (const key of Object.keys(changes)) (match as Record<string, unknown>)[key] = (changes as Record<string, unknown>)[key];
          }
          if (!remove) continue;
          const deletions = remove(match, frame);
          if (deletions === undefined) continue;
          const names = Array.isArray(deletions) ? deletions : [deletions];
          if (!names.every((n) => typeof n === 'string')) fail('T2012', { position: deleteAt, value: deletions });
          if (typeof match === 'object' && match !== null) for (const n of names as string[]) delete (match as Record<string, unknown>)[n];
        }
        return result;
      }) as never,
      '<(oa):o>',
    );
}

/** `$clone` as the expression sees it; the library's own when nothing rebinds it and no built-in provides it. */
function cloneFunction(frame: Frame, c: Compiler): unknown {
  const found = frame.lookup('clone', (n) => c.global(n));
  return found !== undefined || c.local.has('clone') ? found : CLONE;
}

const CLONE = nativeOf(((arg: unknown) => (arg === undefined ? undefined : JSON.parse(stringify(arg)!))) as never, '<(oa)-:o>');
