// The bench's child processes (servers, upstream) answer over IPC. A child that dies before it
// answers (a build error, a missing module) ends the bench with its exit code instead of a hang.
export function reply(child, what) {
  return new Promise((resolve) => {
    const died = (code, signal) => {
      console.error(`bench: ${what} exited with ${code ?? signal} before it answered`);
      process.exit(1);
    };
    child.once('exit', died);
    child.once('message', (message) => {
      child.off('exit', died);
      resolve(message);
    });
  });
}
