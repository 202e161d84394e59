/** The process's side of the CLI, injected so the CLI can be tested without a real process. */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** The terminal's width, when stdout is one. */
  readonly stdoutColumns?: number;
  write(text: string): void;
  writeError(text: string): void;
  /** All of stdin, or its first `limit + 1` bytes when it is longer. */
  readStdin(limit: number): Buffer;
  /** Writes a file (relative to cwd), creating the folders it goes into; throws with the system's error code. */
  writeFile(path: string, text: string): void;
}
