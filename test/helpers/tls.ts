import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Certificates made for a test by the openssl CLI (3.0): Node.js cannot create X.509
 * certificates, and a CLI call per certificate keeps the fixtures honest (nothing committed
 * expires). Keys are P-256: quick to make and to handshake with.
 */

/** A key and its certificate, as PEM text. */
export interface Identity {
  readonly key: string;
  readonly cert: string;
  /** key + cert in one file: a PEM key store. */
  readonly pem: string;
}

export interface IssueOptions {
  /** Subject, as openssl writes it: `/O=Acme/CN=client`. */
  readonly subject?: string;
  /** Signed by the CA (default) or by itself. */
  readonly selfSigned?: boolean;
  /** Validity, as `openssl ca` takes it (YYYYMMDDHHMMSSZ): for expired or future certificates. */
  readonly startDate?: string;
  readonly endDate?: string;
  /** Encrypt the PEM key with this password. */
  readonly keyPassword?: string;
}

/** A throwaway CA in a temp folder; `close()` removes it. */
export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), 'flowrt-pki-'));
  readonly ca: Identity;
  private serial = 1;

  constructor(caSubject = '/O=flowrt tests/CN=Test CA') {
    this.ca = this.selfSigned('ca', caSubject, ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign']);
  }

  /** A server certificate for 127.0.0.1 and localhost. */
  server(name = 'server', options: IssueOptions = {}): Identity {
    return this.issue(name, { subject: '/CN=localhost', ...options }, ['subjectAltName=DNS:localhost,IP:127.0.0.1', 'extendedKeyUsage=serverAuth']);
  }

  /** A client certificate. */
  client(name = 'client', options: IssueOptions = {}): Identity {
    return this.issue(name, { subject: `/O=Acme/OU=Payments/CN=${name}`, ...options }, ['extendedKeyUsage=clientAuth']);
  }

  /** A PKCS#12 file of `identity` (with the CA in its chain) under `alias`. */
  pkcs12(identity: Identity, password: string, alias = 'flowrt'): Buffer {
    const name = `p12-${this.serial++}`;
    const key = this.write(`${name}.key`, identity.key);
    const cert = this.write(`${name}.crt`, identity.cert);
    const out = join(this.dir, `${name}.p12`);
    this.openssl([
      'pkcs12',
      '-export',
      '-inkey',
      key,
      '-in',
      cert,
      '-certfile',
      this.write(`${name}-ca.crt`, this.ca.cert),
      '-name',
      alias,
      '-passout',
      `pass:${password}`,
      '-out',
      out,
    ]);
    return readFileSync(out);
  }

  /** A PKCS#12 file holding only certificates: no private key. */
  certificatesOnly(identity: Identity, password: string): Buffer {
    const out = join(this.dir, `certs-${this.serial++}.p12`);
    this.openssl(['pkcs12', '-export', '-nokeys', '-in', this.write(`certs-${this.serial++}.crt`, identity.cert), '-passout', `pass:${password}`, '-out', out]);
    return readFileSync(out);
  }

  /** Several PKCS#12 stores merged into one by keytool, keeping each alias (Node.js serves the first); keytool wants passwords of 6 characters or more. */
  merged(stores: ReadonlyArray<{ p12: Buffer; password: string }>): Buffer {
    const out = join(this.dir, `merged-${this.serial++}.p12`);
    const password = stores[0]!.password;
    for (const { p12, password: from } of stores) {
      const src = this.write(`part-${this.serial++}.p12`, p12);
      execFileSync(
        'keytool',
        [
          '-importkeystore',
          '-noprompt',
          '-srckeystore',
          src,
          '-srcstoretype',
          'pkcs12',
          '-srcstorepass',
          from,
          '-destkeystore',
          out,
          '-deststoretype',
          'pkcs12',
          '-deststorepass',
          password,
        ],
        { stdio: 'pipe' },
      );
    }
    return readFileSync(out);
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private issue(name: string, options: IssueOptions, extensions: string[]): Identity {
    if (options.selfSigned) return this.selfSigned(name, options.subject!, extensions, options.keyPassword);
    const id = `${name}-${this.serial++}`;
    const key = join(this.dir, `${id}.key`);
    const csr = join(this.dir, `${id}.csr`);
    this.openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      options.subject!,
    ]);
    const out = join(this.dir, `${id}.crt`);
    const ext = this.write(`${id}.ext`, `[x]\n${extensions.join('\n')}\n`);
    this.signWithCa(csr, out, ext, options);
    return this.identity(key, out, options.keyPassword);
  }

  /** `openssl ca` takes explicit dates (x509 -req only a number of days from now); it needs a little database. */
  private signWithCa(csr: string, out: string, ext: string, options: IssueOptions): void {
    const db = join(this.dir, `db-${this.serial++}`);
    writeFileSync(`${db}.index`, '');
    writeFileSync(`${db}.serial`, `${(1000 + this.serial).toString(16).padStart(4, '0')}\n`);
    const conf = `${db}.cnf`;
    writeFileSync(
      conf,
      [
        '[ca]',
        'default_ca = d',
        '[d]',
        `database = ${db}.index`,
        `new_certs_dir = ${this.dir}`,
        `serial = ${db}.serial`,
        'default_md = sha256',
        'policy = p',
        'unique_subject = no',
        'copy_extensions = none',
        '[p]',
        'commonName = supplied',
        'organizationName = optional',
        'organizationalUnitName = optional',
      ].join('\n'),
    );
    const caKey = this.write('ca-signing.key', this.ca.key);
    const caCert = this.write('ca-signing.crt', this.ca.cert);
    const dates = options.startDate && options.endDate ? ['-startdate', options.startDate, '-enddate', options.endDate] : ['-days', '30'];
    this.openssl([
      'ca',
      '-batch',
      '-notext',
      '-preserveDN',
      '-config',
      conf,
      '-cert',
      caCert,
      '-keyfile',
      caKey,
      '-in',
      csr,
      '-out',
      out,
      '-extfile',
      ext,
      '-extensions',
      'x',
      ...dates,
    ]);
  }

  private selfSigned(name: string, subject: string, extensions: string[], keyPassword?: string): Identity {
    const key = join(this.dir, `${name}.key`);
    const cert = join(this.dir, `${name}.crt`);
    this.openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      subject,
      '-days',
      '30',
      ...extensions.flatMap((e) => ['-addext', e]),
    ]);
    return this.identity(key, cert, keyPassword);
  }

  private identity(keyFile: string, certFile: string, keyPassword?: string): Identity {
    let key = readFileSync(keyFile, 'utf8');
    if (keyPassword) key = execFileSync('openssl', ['pkey', '-in', keyFile, '-aes256', '-passout', `pass:${keyPassword}`], { encoding: 'utf8' });
    const cert = readFileSync(certFile, 'utf8');
    return { key, cert, pem: `${key}${cert}` };
  }

  private write(name: string, content: string | Buffer): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { stdio: 'pipe' });
  }
}
