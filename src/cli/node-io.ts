/** CliIO on the real process. */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CliIO } from './io.js';

export function nodeIO(): CliIO {
  // `k8s-svc-lint . | head`: a reader that stops early is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    write: (text) => {
      process.stdout.write(text);
    },
    writeError: (text) => {
      process.stderr.write(text);
    },
    readStdin: () => readFileSync(0),
    writeFile: (path, text) => writeFileSync(path, text),
  };
}
