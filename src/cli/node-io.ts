/** CliIO on the real process. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CliIO } from './io.js';

/** `-o reports/lint.sarif` in a fresh checkout: the folders are made first. */
export function writeReportFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export function nodeIO(): CliIO {
  // `k8s-svc-lint . | head`: a reader that stops early is not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const cwd = process.cwd();
  return {
    cwd,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    ...(process.stdout.isTTY && process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
    write: (text) => {
      process.stdout.write(text);
    },
    writeError: (text) => {
      process.stderr.write(text);
    },
    readStdin: () => readFileSync(0),
    writeFile: (file, text) => writeReportFile(path.resolve(cwd, file), text),
  };
}
