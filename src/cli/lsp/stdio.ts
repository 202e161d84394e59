/** The language server on the real process's stdin and stdout (stdout carries only protocol messages). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server.js';

/** Serves until the client sends `exit` (or closes stdin), which ends the process. */
export function serveStdio(options: ServerOptions): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection, options);
  return new Promise(() => {});
}
