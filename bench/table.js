// The bench's summary: one row per scenario, with its goal and whether this run met it. A failed
// scenario (non-200 answers, a crash, a timeout) says FAIL in the ok? column and why in its cells.

const int = (n) => Math.round(n).toLocaleString('en-US');
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A side's medians over its rounds, or its failure. */
export function summarize(rounds) {
  const failed = rounds.find((r) => r.error);
  if (failed) return { error: failed.error };
  const errors = rounds.reduce((n, r) => n + r.errors, 0);
  return {
    cpu: median(rounds.map((r) => r.cpuPerRequest)),
    rps: median(rounds.map((r) => r.rps)),
    okRps: median(rounds.map((r) => r.okRps)),
    p99: median(rounds.map((r) => r.p99)),
    errors,
    statuses: rounds.map((r) => r.statuses),
  };
}

function cell(s) {
  if (!s) return '—';
  if (s.error) return `FAIL: ${s.error}`;
  const text = `${s.cpu.toFixed(1)} µs/req, ${int(s.rps)} req/s`;
  return s.errors ? `${text}, FAIL: ${s.errors} not 200 ${JSON.stringify(Object.assign({}, ...s.statuses))}` : text;
}

/** A ratio row: flowrt and baseline CPU µs per request; ratio = baseline / flowrt (higher is better). */
export function ratioRow(name, flowrt, baseline, goal) {
  const bad = flowrt.error || baseline.error || flowrt.errors || baseline.errors;
  const ratio = bad ? undefined : baseline.cpu / flowrt.cpu;
  const ok = bad ? 'FAIL' : goal === undefined ? '—' : ratio >= goal ? 'yes' : 'no';
  return [name, cell(flowrt), cell(baseline), ratio === undefined ? '—' : `${ratio.toFixed(2)}×`, goal === undefined ? '—' : `≥ ${goal}×`, ok];
}

/**
 * The token endpoint: its goal is tokens per second on one core, judged by what one core can give
 * at the CPU a token costs (1,000,000 µs / CPU µs per token), so that another process on the
 * server's core, or a load generator that cannot keep up, does not decide it; the 200 answers
 * per second the load generator saw are shown beside it.
 */
export function tokenRow(name, s, goal) {
  if (s.error || s.errors) return [name, cell(s), '—', '—', `≥ ${int(goal)} tokens/s`, 'FAIL'];
  const perCore = 1e6 / s.cpu;
  const text = `${int(perCore)} tokens/s per core (${s.cpu.toFixed(1)} µs/token); ${int(s.okRps)}/s answered`;
  return [name, text, '—', '—', `≥ ${int(goal)} tokens/s`, perCore >= goal ? 'yes' : 'no'];
}

/** A startup figure (ms or MB), lower is better. */
export function limitRow(name, r, unit, limit) {
  if (!r || r.error) return [name, `FAIL: ${r?.error ?? 'not measured'}`, '—', '—', `≤ ${limit} ${unit}`, 'FAIL'];
  const runs = r.runs.map((v) => v.toFixed(0)).join(', ');
  return [name, `${r.value.toFixed(0)} ${unit} (runs ${runs})`, '—', '—', `≤ ${limit} ${unit}`, r.value <= limit ? 'yes' : 'no'];
}

export function printTable(rows) {
  const head = ['scenario', 'flowrt', 'baseline', 'ratio', 'goal', 'ok?'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
