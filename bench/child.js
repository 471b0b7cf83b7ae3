// The bench's child processes (servers, upstream, JWKS) answer over IPC. A child that dies or
// stays silent is an error the caller reports: a failing scenario shows in the table, it does not
// hang the bench.
export function reply(child, what, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('exit', died);
      child.off('message', answered);
    };
    const died = (code, signal) => {
      done();
      reject(new Error(`${what} exited with ${code ?? signal}`));
    };
    const answered = (message) => {
      done();
      resolve(message);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what} did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('exit', died);
    child.once('message', answered);
  });
}

/** A child that ended already (exitCode or signalCode set) cannot be asked anything. */
export const alive = (child) => child.exitCode === null && child.signalCode === null;
