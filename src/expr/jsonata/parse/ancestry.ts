import { GiveUp } from './give-up.js';
import type { Node, Slot } from './node.js';

/*
 * The `%` (parent) bookkeeping of the library's processAST: each `%` gets a slot, and the step
 * it refers to, found by walking back up the path, is marked to keep its tuple and carry the
 * slot's label. Ported from jsonata.js (seekParent, pushAncestry, resolveAncestry).
 */

/** The `%` references of one parse: their slots, in order, so a reused label can be rewritten. */
export class Ancestry {
  private label = 0;
  private readonly parents: Node[] = [];

  /** A new `%` node with its own slot. */
  parent(): Node {
    const index = this.parents.length;
    const node: Node = { type: 'parent', slot: { label: '!' + String(this.label++), level: 1, index } };
    this.parents.push(node);
    return node;
  }

  seekParent(node: Node, slot: Slot): Slot {
    switch (node.type) {
      case 'name':
      case 'wildcard':
        slot.level--;
        if (slot.level === 0) {
          if (node.ancestor !== undefined) {
            // The step already answers another `%`: that slot takes this one's label.
            (this.parents[slot.index].slot as Slot).label = (node.ancestor as Slot).label;
          }
          node.ancestor = slot;
          node.tuple = true;
        }
        return slot;
      case 'parent':
        slot.level++;
        return slot;
      case 'block': {
        const expressions = node.expressions as Node[];
        if (expressions.length === 0) return slot;
        node.tuple = true;
        return this.seekParent(expressions[expressions.length - 1], slot);
      }
      case 'path': {
        node.tuple = true;
        const steps = node.steps as Node[];
        let index = steps.length - 1;
        slot = this.seekParent(steps[index--], slot);
        while (slot.level > 0 && index >= 0) slot = this.seekParent(steps[index--], slot);
        return slot;
      }
      default:
        throw new GiveUp();
    }
  }

  resolve(path: Node): void {
    const steps = path.steps as Node[];
    const last = steps[steps.length - 1];
    const slots: Slot[] = last.seekingParent !== undefined ? (last.seekingParent as Slot[]) : [];
    if (last.type === 'parent') slots.push(last.slot as Slot);
    for (let slot of slots) {
      let index = steps.length - 2;
      while (slot.level > 0) {
        if (index < 0) {
          if (path.seekingParent === undefined) path.seekingParent = [slot];
          else (path.seekingParent as Slot[]).push(slot);
          break;
        }
        let step = steps[index--];
        // Contiguous steps that bind the focus count as one.
        while (index >= 0 && step.focus && steps[index].focus) step = steps[index--];
        slot = this.seekParent(step, slot);
      }
    }
  }
}

/** Carries `value`'s unresolved `%` slots up to `result`. */
export function pushAncestry(result: Node, value: Node): void {
  if (value.seekingParent === undefined && value.type !== 'parent') return;
  const slots: Slot[] = value.seekingParent !== undefined ? (value.seekingParent as Slot[]) : [];
  if (value.type === 'parent') slots.push(value.slot as Slot);
  if (result.seekingParent === undefined) result.seekingParent = slots;
  else (result.seekingParent as Slot[]).push(...slots);
}
