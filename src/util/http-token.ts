/**
 * RFC 9110 §5.6.2 `token`: one or more tchar. Field names (§5.1) and methods (§9.1) are tokens;
 * a name with a space, a colon or a non-ASCII character would break the message it is written to.
 * As a JSON Schema `pattern`, for the configurations that name headers or methods.
 *
 * @example
 * const schema = { type: 'string', pattern: TOKEN_PATTERN } as const;
 */
export const TOKEN_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";

const TOKEN = new RegExp(TOKEN_PATTERN);

/**
 * Whether `text` is an RFC 9110 token, as a header name or a method must be.
 *
 * @example
 * isToken('x-request-id'); // true
 * isToken('x request'); // false
 */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}
