/**
 * What is wrong with a redirect URI a client registers, or undefined when it is fine: RFC 6749
 * §3.1.2 wants an absolute URI without a fragment.
 *
 * @example
 * ```ts
 * redirectUriProblem('/callback'); // 'redirect URI "/callback" is not an absolute URI (RFC 6749 §3.1.2)'
 * ```
 */
export function redirectUriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `redirect URI "${uri}" is not an absolute URI (RFC 6749 §3.1.2)`;
  }
  // `new URL` drops an empty fragment ("…#"), which is a fragment all the same.
  if (url.hash || uri.includes('#')) return `redirect URI "${uri}" has a fragment, which RFC 6749 §3.1.2 forbids`;
  return undefined;
}
