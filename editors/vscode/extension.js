// @ts-check
'use strict';
/**
 * Starts `k8s-svc-lint lsp` for the YAML and JSON files of the workspace. Everything else —
 * findings across files, hover, go to definition and references, quick fixes — is the
 * language server's.
 */
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { serverCommand } = require('./server-command');

/** @type {LanguageClient | undefined} */
let client;

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const settings = vscode.workspace.getConfiguration('k8sSvcLint');
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const found = serverCommand({ setting: settings.get('path'), folders });
  // (the client adds --stdio)
  const args = ['lsp', ...settings.get('args', [])];
  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const server = 'module' in found ? { module: found.module, args, transport: TransportKind.stdio } : { command: found.command, args, transport: TransportKind.stdio };
  client = new LanguageClient('k8sSvcLint', 'k8s-svc-lint', server, {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
    ],
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('k8sSvcLint')) {
        await deactivate();
        await activate(context);
      }
    }),
  );
  await client.start();
}

async function deactivate() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

module.exports = { activate, deactivate };
