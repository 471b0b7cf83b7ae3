/** Media types whose text is JSON: `application/json` and any `+json` suffix. */
export function isJsonMediaType(mediaType: string | undefined): boolean {
  if (!mediaType) return false;
  const base = mediaType.split(';', 1)[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json') || base === 'text/json';
}

export function withCharset(mimeType: string | undefined, encoding: string | undefined): string | undefined {
  if (!mimeType) return undefined;
  if (!encoding || /;\s*charset=/i.test(mimeType)) return mimeType;
  return `${mimeType}; charset=${encoding}`;
}

/**
 * A string declared as JSON reads as the structure it encodes, as a DataWeave reader would;
 * text that is not valid JSON stays text (never lost).
 */
export function readAs(value: unknown, mediaType: string | undefined): unknown {
  if (typeof value !== 'string' || !isJsonMediaType(mediaType)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
