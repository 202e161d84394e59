/** The CLI run in this process with its output captured: the same path as the binary, minus the process (tests, `npm run fuzz`). */
import path from 'node:path';
import type { CliIO } from './io.js';
import { main } from './main.js';
import { writeReportFile } from './node-io.js';

export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface InMemoryOptions {
  readonly cwd?: string;
  readonly stdin?: string;
  readonly env?: Record<string, string | undefined>;
  /** Pretend stdout is a terminal this wide. */
  readonly columns?: number;
}

export async function runInMemory(args: readonly string[], options: InMemoryOptions = {}): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const cwd = options.cwd ?? process.cwd();
  const io: CliIO = {
    cwd,
    env: options.env ?? {},
    stdoutIsTTY: options.columns !== undefined,
    ...(options.columns !== undefined ? { stdoutColumns: options.columns } : {}),
    write: (text) => {
      stdout += text;
    },
    writeError: (text) => {
      stderr += text;
    },
    readStdin: () => Buffer.from(options.stdin ?? ''),
    writeFile: (file, text) => writeReportFile(path.resolve(cwd, file), text),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
