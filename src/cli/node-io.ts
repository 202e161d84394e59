/** CliIO on the real process. */
import { mkdirSync, readSync, writeFileSync } from 'node:fs';
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
    readStdin: (limit) => readAtMost(0, limit),
    writeFile: (file, text) => writeReportFile(path.resolve(cwd, file), text),
  };
}

/**
 * Up to `limit + 1` bytes of a file descriptor: one byte more than the limit says the input is
 * over it, without reading (or keeping) the rest of an endless stream.
 */
function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (total <= limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10); // a non-blocking stdin with nothing yet: wait for more
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    total += read;
  }
  return Buffer.concat(chunks, total);
}
