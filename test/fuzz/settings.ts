import type { Parameters } from 'fast-check';

/**
 * How many cases each fuzz property tries, and from which seed. CI runs the files' own numbers
 * from their fixed seeds, so a failure there replays exactly; a longer hunt locally is
 *
 *   FUZZ_RUNS=20000 npx vitest run test/fuzz           (FUZZ_SEED=<n> to start elsewhere)
 *
 * and fast-check prints the seed, path and shrunk counterexample of whatever it finds: add that
 * input to the property's `examples` once the defect is fixed.
 */
const RUNS = Number(process.env.FUZZ_RUNS) || undefined;
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** The number of runs: `ci` unless FUZZ_RUNS asks for more (or fewer). */
export function runs(ci: number): number {
  return RUNS ?? ci;
}

/** fast-check parameters: `ci` runs from `seed` (each file's own), and the examples every run starts with. */
export function fuzz<T>(seed: number, ci: number, examples: NoInfer<T>[] = []): Parameters<T> {
  return { seed: SEED ?? seed, numRuns: runs(ci), examples };
}

/**
 * The test's time limit: CI's default, or, for a FUZZ_RUNS hunt, `msPerRun` for each run (a
 * generous bound, not a deadline: it only keeps a hung case from holding the run for ever).
 */
export function timeLimit(ci: number, msPerRun: number): number {
  return RUNS === undefined ? Math.max(60_000, ci * msPerRun * 4) : Math.max(60_000, RUNS * msPerRun * 4);
}
