/** What the catalogue says of one diagnostic code; docs/diagnostics.md says the same (a test keeps them in step). */
export interface CodeDoc {
  /** What the problem is, in one line. */
  readonly meaning: string;
  /** A message the code comes with. */
  readonly example: string;
  /** What to do about it. */
  readonly fix: string;
}
