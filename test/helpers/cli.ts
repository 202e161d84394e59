/** Runs the CLI in-process with captured output: the same path as the real binary, minus the process. */
import { readFileSync } from 'node:fs';
import { runInMemory, type CapturedRun, type InMemoryOptions } from '../../src/cli/memory-io.js';

export type CliRun = CapturedRun;
export type RunOptions = InMemoryOptions;

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return runInMemory(args, options);
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
