import { randomUUID } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { DiagnosticCode } from '../../errors/diagnostic-codes.js';
import { FlowError } from '../../errors/flow-error.js';
import type { SourceLocation } from '../../model/location.js';
import type { PasswordHash } from '../../oauth2/password-hash.js';
import { dummyHash, parsePasswordHash, verifyPassword } from '../../oauth2/password-hash.js';
import type { GrantType, ResourceOwner, ResourceOwners } from '../../oauth2/settings.js';
import { FlowEvent } from '../../runtime/event.js';
import { execContext } from '../../runtime/processor.js';
import type { ComponentNode } from '../../spi/component.js';

const HASH_HINT = 'run `flowrt hash-password` and put the scrypt$… line it prints in place of the password';
const SHAPE_HINT = 'users:\n  - username: alice\n    password: scrypt$32768$8$1$…   # from `flowrt hash-password`\n    roles: [admin]';

/**
 * `resourceOwnerSecurityProvider`: a flow of the app (it authenticates) or a users file of the
 * app. Required when the provider signs resource owners in (the code and password grants).
 */
export function resourceOwnersOf(node: ComponentNode, grants: ReadonlySet<GrantType>): ResourceOwners | undefined {
  const name = node.literal('resourceOwnerSecurityProvider');
  const at = node.element.attrs.get('resourceOwnerSecurityProvider')?.valueLoc;
  if (!name) {
    if (grants.has('authorization_code') || grants.has('password')) {
      node.error(
        'missing-resource-owner-provider',
        'the AUTHORIZATION_CODE and RESOURCE_OWNER_PASSWORD_CREDENTIALS grants sign resource owners in, but resourceOwnerSecurityProvider is not set',
        'set resourceOwnerSecurityProvider to a users file of the app (YAML, passwords from `flowrt hash-password`) or to the name of a flow that authenticates',
      );
    }
    return undefined;
  }
  if (node.flow(name)) return resourceOwnersFromFlow(name, node);
  const file = node.readResource(name, at);
  if (!file) {
    node.error(
      'unknown-resource-owner-provider',
      `resourceOwnerSecurityProvider "${name}" is neither a flow of the app nor a users file of it`,
      'name a flow that authenticates, or a YAML users file relative to the app folder',
      at,
    );
    return undefined;
  }
  return resourceOwnersFromFile(file.text, file.file, node);
}

/**
 * Resource owners from a YAML users file (`users: [{ username, password, roles }]`), passwords as
 * scrypt hashes; a plaintext one is a load error at its line. An unknown username is checked
 * against a dummy hash of the same cost, so timing does not reveal who exists.
 */
export function resourceOwnersFromFile(text: string, file: string, node: ComponentNode): ResourceOwners | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number): SourceLocation => ({ file, ...lines.linePos(offset) });
  const of = (n: unknown): SourceLocation => at((n as YamlNode | undefined)?.range?.[0] ?? 0);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) node.error('invalid-yaml', `${file} is not valid YAML: ${e.message.split('\n')[0]}`, undefined, at(e.pos[0]));
    return undefined;
  }
  const list = isMap(doc.contents) ? doc.contents.get('users', true) : undefined;
  if (!isSeq(list)) {
    node.error('invalid-users-file', `${file} must list its users under "users"`, SHAPE_HINT, of(list ?? doc.contents));
    return undefined;
  }
  const users = new Map<string, { hash: PasswordHash; roles: readonly string[] }>();
  let failed = false;
  const fail = (message: string, where: unknown, hint?: string, code: DiagnosticCode = 'invalid-users-file') => {
    node.error(code, message, hint, of(where));
    failed = true;
  };
  for (const item of list.items) {
    if (!isMap(item)) {
      fail('each user must be a map with username, password and roles', item, SHAPE_HINT);
      continue;
    }
    const username = item.get('username');
    const password = item.get('password', true);
    const roles = item.get('roles', true);
    if (typeof username !== 'string' || username === '') {
      fail('a user needs a username', item, SHAPE_HINT);
      continue;
    }
    if (users.has(username)) fail(`user ${username} is listed twice`, item.get('username', true));
    const raw = isScalar(password) ? password.value : undefined;
    const hash = typeof raw === 'string' ? parsePasswordHash(raw) : undefined;
    if (!hash) {
      const plain = typeof raw !== 'string' || !raw.startsWith('scrypt$');
      // Never echo the value: it may be a real password.
      fail(
        plain
          ? `the password of user ${username} is not hashed: users files keep scrypt hashes, never passwords`
          : `the password of user ${username} is not a valid scrypt hash`,
        password ?? item,
        HASH_HINT,
        plain ? 'unhashed-password' : 'invalid-users-file',
      );
      continue;
    }
    const roleList = roles === undefined ? [] : isSeq(roles) ? roles.items.map((r) => (isScalar(r) ? r.value : undefined)) : [undefined];
    if (roleList.some((r) => typeof r !== 'string')) fail(`the roles of user ${username} must be a list of names`, roles, 'roles: [admin, reader]');
    users.set(username, { hash, roles: roleList as string[] });
  }
  if (failed) return undefined;
  if (users.size === 0) node.warn('empty-users-file', `${file} lists no users: nobody can sign in`);
  // The dummy costs what the file's hashes cost, so a miss takes as long as a hit.
  const dummy = dummyHash(users.values().next().value?.hash);
  return {
    async authenticate(username: string, password: string): Promise<ResourceOwner | undefined> {
      const user = users.get(username);
      const ok = await verifyPassword(password, user?.hash ?? dummy);
      return user && ok ? { username, roles: user.roles } : undefined;
    },
  };
}

/**
 * Resource owners checked by a flow of the app: it runs with payload `{ username, password }`
 * and says yes with `true` or `{ authenticated: true, roles: [...] }`; anything else, or an
 * error, is no. The flow is looked up at each sign-in, so a reload's new version is used.
 */
export function resourceOwnersFromFlow(flowName: string, node: ComponentNode): ResourceOwners {
  const { log, flows } = node.services;
  return {
    async authenticate(username: string, password: string): Promise<ResourceOwner | undefined> {
      const flow = node.flow(flowName);
      if (!flow) return undefined;
      const correlationId = randomUUID();
      const event = FlowEvent.create({ payload: { username, password }, attributes: undefined }, correlationId);
      try {
        const result = await flow.process(event, execContext(log, correlationId, flows));
        const roles = verdict(result.payload);
        return roles ? { username, roles } : undefined;
      } catch (e) {
        // The error's type only: its description could carry the payload, and with it the password.
        log.warn(
          { flow: flowName, correlationId, errorType: e instanceof FlowError ? e.type.id : 'unexpected' },
          'resource owner flow failed: sign-in refused',
        );
        return undefined;
      }
    },
  };
}

/** The roles of a yes, or undefined for anything else. */
function verdict(payload: unknown): readonly string[] | undefined {
  let value = payload;
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value === true) return [];
  if (typeof value !== 'object' || value === null || (value as { authenticated?: unknown }).authenticated !== true) return undefined;
  const roles = (value as { roles?: unknown }).roles;
  return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
}
