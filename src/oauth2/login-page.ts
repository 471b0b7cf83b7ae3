/** What a login page shows and posts. Every value is escaped where it lands. */
export interface LoginView {
  readonly providerName: string;
  /** The client's name, or its id when it has none. */
  readonly clientName: string;
  readonly scope: readonly string[];
  /** The single-use id of the pending request: the form's hidden `request_id`. */
  readonly requestId: string;
  /** The authorization endpoint's URL, where the form posts. */
  readonly action: string;
  readonly error?: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/**
 * The login page: the app's own (`authorization-config loginPage`, with `{{client_name}}`,
 * `{{scope}}`, `{{request_id}}`, `{{error}}` and `{{action}}` filled in, escaped) or the
 * built-in one.
 *
 * @example
 * ```ts
 * loginPage({ providerName: 'Acme', clientName: 'Shop', scope: ['READ'], requestId: id, action: url }, template);
 * ```
 */
export function loginPage(view: LoginView, template?: string): string {
  if (template !== undefined) return fill(template, view);
  const e = escapeHtml;
  const scopes = view.scope.length > 0 ? `<p>It asks for:</p>\n<ul>${view.scope.map((s) => `<li>${e(s)}</li>`).join('')}</ul>` : '';
  const error = view.error ? `<p class="error" role="alert" id="error">${e(view.error)}</p>` : '';
  return page(
    `Sign in to ${view.providerName}`,
    `<main>
<h1>Sign in to ${e(view.providerName)}</h1>
<p><strong>${e(view.clientName)}</strong> wants to access your account.</p>
${scopes}
${error}
<form method="post" action="${e(view.action)}"${view.error ? ' aria-describedby="error"' : ''}>
<input type="hidden" name="request_id" value="${e(view.requestId)}">
<p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit" name="action" value="login">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></p>
</form>
</main>`,
  );
}

/** The page for a request that cannot be sent back to the client (RFC 6749 §4.1.2.1: never redirect then). */
export function errorPage(providerName: string, description: string): string {
  return page(
    'Authorization failed',
    `<main>
<h1>This sign-in request cannot be completed</h1>
<p role="alert">${escapeHtml(description)}</p>
<p>Go back to the application you came from and start again. ${escapeHtml(providerName)} did not send you back to it, because it could not check where to.</p>
</main>`,
  );
}

function fill(template: string, view: LoginView): string {
  const values: Readonly<Record<string, string>> = {
    client_name: view.clientName,
    scope: view.scope.join(' '),
    request_id: view.requestId,
    error: view.error ?? '',
    action: view.action,
  };
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? escapeHtml(values[name]!) : whole));
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem;line-height:1.4}
input{width:100%;padding:.5rem;box-sizing:border-box;font-size:1rem}
button{padding:.5rem 1rem;font-size:1rem;margin-right:.5rem}
.error{color:#a00;font-weight:bold}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
