import { readFileSync } from 'node:fs';

/** One case of JSONata's own suite (test/fixtures/jsonata-suite.json, from scripts/vendor-jsonata-suite.mjs). */
export interface Case {
  name: string;
  expr?: string;
  'expr-file'?: string;
  data?: unknown;
  dataset?: string | null;
  bindings?: Record<string, unknown>;
  timelimit?: number;
  depth?: number;
  result?: unknown;
  undefinedResult?: boolean;
  code?: string;
  error?: { code: string };
}

export const suite = JSON.parse(readFileSync('test/fixtures/jsonata-suite.json', 'utf8')) as {
  datasets: Record<string, unknown>;
  groups: Record<string, Case[]>;
};

/** The input a case evaluates against: its own data, a named dataset, or nothing. */
export const inputOf = (c: Case): unknown => (c.data !== undefined ? c.data : c.dataset ? suite.datasets[c.dataset] : undefined);
