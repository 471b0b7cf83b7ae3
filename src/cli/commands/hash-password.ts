import { hashPassword } from '../../oauth2/password-hash.js';

/**
 * `flowrt hash-password`: reads a password (typed without echo on a terminal, else the whole of
 * stdin less one trailing newline) and prints its scrypt hash for an OAuth provider's users file.
 */
export async function hashPasswordCommand(): Promise<number> {
  const stdin = process.stdin;
  let password: string;
  if (stdin.isTTY) {
    password = await prompt('Password: ');
    const again = await prompt('Again: ');
    if (again !== password) {
      process.stderr.write('error: the passwords differ\n');
      return 1;
    }
  } else {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    password = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  if (password === '') {
    process.stderr.write('error: the password is empty\n');
    return 1;
  }
  process.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}

/** A line typed on the terminal, not echoed (raw mode: we see each key and print nothing). */
function prompt(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (fail?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (fail) reject(fail);
      else resolve(typed);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('interrupted'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
