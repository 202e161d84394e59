/** The process's side of the CLI, injected so the CLI can be tested without a real process. */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  write(text: string): void;
  writeError(text: string): void;
  /** All of stdin, or its first `limit + 1` bytes when it is longer. */
  readStdin(limit: number): Buffer;
  writeFile(path: string, text: string): void;
}
