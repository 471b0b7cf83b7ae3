// Parse time of 450 distinct flow-like JSONata expressions (issue 17): the library's parser
// (`jsonata(src)`, as compileExpression called it) against flowrt's (src/expr/jsonata/parse/, from
// dist/: run `npm run build` first). Each figure is the median of fresh processes, as at start,
// where the code has not warmed up yet; then the same in a warm process.
//
//   node bench/jsonata-parse.js [runs=7]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonata from 'jsonata';
import { writeFiftyFlows } from './fifty-flows.js';

const SELF = fileURLToPath(import.meta.url);
const COUNT = 450;
const ENTITIES = { '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };

// The 50-flow app's `#[…]`, each made distinct (`[expr, vars.vN]`) so no parse is a repeat.
function expressions() {
  const dir = mkdtempSync(join(tmpdir(), 'flowrt-parse-'));
  writeFiftyFlows(dir);
  const found = new Set();
  const flows = join(dir, 'flows');
  for (const file of readdirSync(flows)) {
    const xml = readFileSync(join(flows, file), 'utf8');
    for (const m of xml.matchAll(/#\[((?:[^\]"']|"[^"]*"|'[^']*'|\[[^\]]*\])*)\]/g)) found.add(m[1].replace(/&(quot|apos|lt|gt|amp);/g, (e) => ENTITIES[e]));
  }
  rmSync(dir, { recursive: true });
  const base = [...found].filter((e) => {
    try {
      return jsonata(e) !== undefined;
    } catch {
      return false;
    }
  });
  return Array.from({ length: COUNT }, (_, i) => `[${base[i % base.length]}, vars.v${i}]`);
}

async function parserOf(which) {
  if (which === 'library') return (e) => jsonata(e).ast();
  const { parseJsonataAst } = await import('../dist/expr/jsonata/parse/index.js');
  return (e) => {
    if (!parseJsonataAst(e)) throw new Error(`flowrt's parser gave up on ${e}`);
  };
}

function timeMs(parse, exprs) {
  const t0 = performance.now();
  for (const e of exprs) parse(e);
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.argv[2] === '--child') {
  const exprs = JSON.parse(process.argv[4]);
  process.stdout.write(String(timeMs(await parserOf(process.argv[3]), exprs)));
} else {
  const runs = Number(process.argv[2] ?? 7);
  const exprs = expressions();
  const arg = JSON.stringify(exprs);
  for (const which of ['library', 'flowrt']) {
    const cold = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, [SELF, '--child', which, arg], { encoding: 'utf8' })));
    const parse = await parserOf(which);
    const warm = Array.from({ length: runs }, () => timeMs(parse, exprs));
    console.log(`${which.padEnd(8)} ${COUNT} expressions: cold median ${median(cold).toFixed(1)} ms, warm median ${median(warm).toFixed(1)} ms`);
  }
}
