/** Runs the CLI in-process with captured output: the same path as the real binary, minus the process. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { writeReportFile } from '../../src/cli/node-io.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly stdin?: string;
  readonly env?: Record<string, string | undefined>;
  /** Pretend stdout is a terminal this wide. */
  readonly columns?: number;
}

export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
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

export interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  object?: { apiVersion: string; kind: string; namespace: string; name: string };
  related: { filePath: string; line: number; column: number; message: string }[];
}

export interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

/** Lints with JSON output and returns the parsed results. */
export async function lintJson(args: readonly string[], options: RunOptions = {}): Promise<{ code: number; results: JsonResult[]; stderr: string }> {
  const run = await runCli(['lint', '-f', 'json', ...args], options);
  return { code: run.code, results: JSON.parse(run.stdout || '[]') as JsonResult[], stderr: run.stderr };
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
