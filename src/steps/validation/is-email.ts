import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { VALIDATION } from '../../errors/catalog/index.js';
import type { StepType } from '../../spi/component.js';
import { CONFIG_REF, asString, MESSAGE, shown, validator } from './support.js';
import { ERROR_MAPPING } from '../../spi/mule-parameters.js';

const ELEMENT = 'validation:is-email';

/** `<validation:is-email email>`: fails with VALIDATION:INVALID_EMAIL unless the text is an email address. */
export const isEmail: StepType = {
  element: ELEMENT,
  spec: {
    attributes: {
      'config-ref': CONFIG_REF,
      email: { kind: 'expression-supported', required: true, doc: 'The address to test.' },
      message: MESSAGE,
    },
    children: { 'error-mapping': ERROR_MAPPING },
    doc: 'Validates that a string is an email address; raises VALIDATION:INVALID_EMAIL otherwise.',
  },
  throws: [VALIDATION.INVALID_EMAIL],
  build(node) {
    const email = node.value('email');
    if (!email) return undefined;
    return validator(node, VALIDATION.INVALID_EMAIL, async (event) => {
      const text = asString(await email.evaluate(event), 'email', email, ELEMENT);
      return text !== null && isEmailAddress(text) ? undefined : `${shown(text)} is not a valid email address`;
    });
  },
};

// The rules of Apache Commons Validator's EmailValidator, which Mule uses: a local part of dot-separated
// words (any visible character but ()<>@,;:\".[] unless escaped, or a quoted string) of at most 64
// characters, then a domain name or a bracketed IP address.
const WORD = String.raw`(?:(?:\\.|[^\s\p{Cc}()<>@,;:\\".\[\]])+|"(?:\\"|[^"])*")`;
const LOCAL_PART = new RegExp(String.raw`^${WORD}(?:\.${WORD})*$`, 'u');
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// Commons checks the top-level domain against IANA's list; flowrt accepts any alphabetic or punycode one.
const DOMAIN = new RegExp(`^(?:${LABEL}\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$`);

/** True when `text` is an email address as Mule's is-email judges it (no surrounding spaces, no trailing dot). */
export function isEmailAddress(text: string): boolean {
  if (text.trim() !== text || text.endsWith('.')) return false;
  const at = text.lastIndexOf('@');
  if (at <= 0) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local) || /\s/.test(domain) || domain === '') return false;
  const ip = /^\[(.*)\]$/.exec(domain);
  if (ip) return isIP(ip[1]!) !== 0;
  const ascii = domainToASCII(domain);
  return ascii !== '' && ascii.length <= 253 && DOMAIN.test(ascii);
}
