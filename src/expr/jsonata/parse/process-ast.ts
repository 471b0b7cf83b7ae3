import { Ancestry, pushAncestry } from './ancestry.js';
import { GiveUp } from './give-up.js';
import { MAX_NESTING } from './pratt.js';
import type { Node, Slot } from './node.js';

/*
 * The library's post-parse stage (jsonata.js `processAST`), node for node: `.` chains flatten
 * into paths of steps, `[…]` become predicates or stages, `{…}` after a step a group-by, `@`/`#`
 * mark focus and index steps, `%` is resolved to the step it names (ancestry.ts), and a lambda's
 * tail call becomes a thunk. Leaves (names, literals, variables) are the raw nodes themselves.
 */

export function processAst(raw: Node): Node {
  return new Processor().process(raw);
}

class Processor {
  private readonly ancestry = new Ancestry();
  private depth = 0;

  /** `expr` processed; a tree deeper than MAX_NESTING (`1+1+…`, left-nested by the parser's loop) is left to the library. */
  process(expr: Node): Node {
    if (++this.depth > MAX_NESTING) throw new GiveUp();
    const result = this.node(expr);
    this.depth--;
    return result;
  }

  private node(expr: Node): Node {
    let result: Node;
    switch (expr.type) {
      case 'binary':
        result = this.binary(expr);
        break;
      case 'unary':
        result = this.unary(expr);
        break;
      case 'function':
      case 'partial':
        result = { type: expr.type, name: expr.name as unknown, value: expr.value, position: expr.position };
        result.arguments = (expr.arguments as Node[]).map((arg) => this.carried(result, arg));
        result.procedure = this.process(expr.procedure as Node);
        break;
      case 'lambda':
        result = { type: expr.type, arguments: expr.arguments as unknown, signature: expr.signature as unknown, position: expr.position };
        result.body = tailCallOptimize(this.process(expr.body as Node));
        break;
      case 'condition':
        result = { type: expr.type, position: expr.position };
        result.condition = this.carried(result, expr.condition as Node);
        result.then = this.carried(result, expr.then as Node);
        if (expr.else !== undefined) result.else = this.carried(result, expr.else as Node);
        break;
      case 'transform':
        result = { type: expr.type, position: expr.position };
        result.pattern = this.process(expr.pattern as Node);
        result.update = this.process(expr.update as Node);
        if (expr.delete !== undefined) result.delete = this.process(expr.delete as Node);
        break;
      case 'block':
        result = this.block(expr);
        break;
      case 'name':
        result = { type: 'path', steps: [expr] };
        if (expr.keepArray) result.keepSingletonArray = true;
        break;
      case 'parent':
        result = this.ancestry.parent();
        break;
      case 'string':
      case 'number':
      case 'value':
      case 'wildcard':
      case 'descendant':
      case 'variable':
      case 'regex':
        result = expr;
        break;
      case 'operator':
        // `and`, `or` and `in` where an operand is expected are names; `?` is a partial's placeholder.
        if (expr.value === 'and' || expr.value === 'or' || expr.value === 'in') {
          expr.type = 'name';
          result = this.process(expr);
        } else if (expr.value === '?') result = expr;
        else throw new GiveUp();
        break;
      default:
        throw new GiveUp();
    }
    if (expr.keepArray) result.keepArray = true;
    return result;
  }

  /** `expr` processed, its unresolved `%` slots carried up to `result`. */
  private carried(result: Node, expr: Node): Node {
    const node = this.process(expr);
    pushAncestry(result, node);
    return node;
  }

  private binary(expr: Node): Node {
    switch (expr.value) {
      case '.':
        return this.path(expr);
      case '[':
        return this.predicate(expr);
      case '{':
        return this.groupBy(expr);
      case '^':
        return this.sort(expr);
      case ':=': {
        const result: Node = { type: 'bind', value: expr.value, position: expr.position };
        result.lhs = this.process(expr.lhs as Node);
        result.rhs = this.carried(result, expr.rhs as Node);
        return result;
      }
      case '@':
        return this.focus(expr);
      case '#':
        return this.index(expr);
      case '~>': {
        const result: Node = { type: 'apply', value: expr.value, position: expr.position };
        result.lhs = this.process(expr.lhs as Node);
        result.rhs = this.process(expr.rhs as Node);
        result.keepArray = (result.lhs as Node).keepArray || (result.rhs as Node).keepArray;
        return result;
      }
      default: {
        const result: Node = { type: expr.type, value: expr.value, position: expr.position };
        result.lhs = this.carried(result, expr.lhs as Node);
        result.rhs = this.carried(result, expr.rhs as Node);
        return result;
      }
    }
  }

  private path(expr: Node): Node {
    const lstep = this.process(expr.lhs as Node);
    const result: Node = lstep.type === 'path' ? lstep : { type: 'path', steps: [lstep] };
    if (lstep.type === 'parent') result.seekingParent = [lstep.slot];
    const steps = result.steps as Node[];
    const rest = this.process(expr.rhs as Node);
    if (rest.type === 'path') steps.push(...(rest.steps as Node[]));
    else {
      if (rest.predicate !== undefined) {
        rest.stages = rest.predicate;
        delete rest.predicate;
      }
      steps.push(rest);
    }
    for (const step of steps) {
      // A number, true, false or null cannot be a step; a string is a name.
      if (step.type === 'number' || step.type === 'value') throw new GiveUp();
    }
    for (const step of steps) if (step.type === 'string') step.type = 'name';
    if (steps.some((step) => step.keepArray === true)) result.keepSingletonArray = true;
    // An array constructor first or last in a path is not flattened.
    const first = steps[0];
    if (first.type === 'unary' && first.value === '[') first.consarray = true;
    const last = steps[steps.length - 1];
    if (last.type === 'unary' && last.value === '[') last.consarray = true;
    this.ancestry.resolve(result);
    return result;
  }

  private predicate(expr: Node): Node {
    const result = this.process(expr.lhs as Node);
    let step = result;
    let type = 'predicate';
    if (result.type === 'path') {
      const steps = result.steps as Node[];
      step = steps[steps.length - 1];
      type = 'stages';
    }
    if (step.group !== undefined) throw new GiveUp();
    if (step[type] === undefined) step[type] = [];
    const predicate = this.process(expr.rhs as Node);
    if (predicate.seekingParent !== undefined) {
      for (const slot of predicate.seekingParent as Slot[]) {
        if (slot.level === 1) this.ancestry.seekParent(step, slot);
        else slot.level--;
      }
      pushAncestry(step, predicate);
    }
    (step[type] as Node[]).push({ type: 'filter', expr: predicate, position: expr.position });
    return result;
  }

  private groupBy(expr: Node): Node {
    const result = this.process(expr.lhs as Node);
    if (result.group !== undefined) throw new GiveUp();
    result.group = {
      lhs: (expr.rhs as Node[][]).map((pair) => [this.process(pair[0]), this.process(pair[1])]),
      position: expr.position,
    };
    return result;
  }

  private sort(expr: Node): Node {
    let result = this.process(expr.lhs as Node);
    if (result.type !== 'path') result = { type: 'path', steps: [result] };
    const sortStep: Node = { type: 'sort', position: expr.position };
    sortStep.terms = (expr.rhs as Node[]).map((term) => ({
      descending: term.descending as unknown,
      expression: this.carried(sortStep, term.expression as Node),
    }));
    (result.steps as Node[]).push(sortStep);
    this.ancestry.resolve(result);
    return result;
  }

  private focus(expr: Node): Node {
    const result = this.process(expr.lhs as Node);
    const step = result.type === 'path' ? lastStep(result) : result;
    // Predicates or a sort before `@` are errors the library reports.
    if (step.stages !== undefined || step.predicate !== undefined || step.type === 'sort') throw new GiveUp();
    if (expr.keepArray) step.keepArray = true;
    step.focus = (expr.rhs as Node).value;
    step.tuple = true;
    return result;
  }

  private index(expr: Node): Node {
    let result = this.process(expr.lhs as Node);
    let step = result;
    if (result.type === 'path') step = lastStep(result);
    else {
      result = { type: 'path', steps: [result] };
      if (step.predicate !== undefined) {
        step.stages = step.predicate;
        delete step.predicate;
      }
    }
    if (step.stages === undefined) step.index = (expr.rhs as Node).value;
    else (step.stages as Node[]).push({ type: 'index', value: (expr.rhs as Node).value, position: expr.position });
    step.tuple = true;
    return result;
  }

  private unary(expr: Node): Node {
    let result: Node = { type: expr.type, value: expr.value, position: expr.position };
    if (expr.value === '[') {
      result.expressions = (expr.expressions as Node[]).map((item) => this.carried(result, item));
    } else if (expr.value === '{') {
      result.lhs = (expr.lhs as Node[][]).map((pair) => [this.carried(result, pair[0]), this.carried(result, pair[1])]);
    } else {
      result.expression = this.process(expr.expression as Node);
      // A minus on a number literal is folded into it.
      if (expr.value === '-' && (result.expression as Node).type === 'number') {
        result = result.expression as Node;
        result.value = -(result.value as number);
      } else pushAncestry(result, result.expression as Node);
    }
    return result;
  }

  private block(expr: Node): Node {
    const result: Node = { type: expr.type, position: expr.position };
    result.expressions = (expr.expressions as Node[]).map((item) => {
      const part = this.carried(result, item);
      if (part.consarray || (part.type === 'path' && (part.steps as Node[])[0].consarray)) result.consarray = true;
      return part;
    });
    return result;
  }
}

function lastStep(path: Node): Node {
  const steps = path.steps as Node[];
  return steps[steps.length - 1];
}

/** A lambda's call in tail position becomes a thunk, which the evaluator's trampoline runs. */
function tailCallOptimize(expr: Node): Node {
  if (expr.type === 'function' && !expr.predicate) return { type: 'lambda', thunk: true, arguments: [], position: expr.position, body: expr };
  if (expr.type === 'condition') {
    expr.then = tailCallOptimize(expr.then as Node);
    if (expr.else !== undefined) expr.else = tailCallOptimize(expr.else as Node);
  } else if (expr.type === 'block') {
    const expressions = expr.expressions as Node[];
    if (expressions.length > 0) expressions[expressions.length - 1] = tailCallOptimize(expressions[expressions.length - 1]);
  }
  return expr;
}
