/** Lists in attributes: comma- or space-separated, as Mule files write them. */
export function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
