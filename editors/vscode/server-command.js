// @ts-check
'use strict';
/**
 * Which k8s-svc-lint the extension starts: the `k8sSvcLint.path` setting; else the one installed
 * in a workspace folder (`node_modules/k8s-svc-lint`, run with VS Code's own Node); else the
 * `k8s-svc-lint` command on the PATH. Kept apart from `vscode` so it can be tested without it.
 */
const fs = require('node:fs');
const path = require('node:path');

const BIN = path.join('node_modules', 'k8s-svc-lint', 'bin', 'k8s-svc-lint.js');

/**
 * @param {{ setting?: string, folders: readonly string[] }} options
 * @returns {{ module: string } | { command: string }}
 */
function serverCommand({ setting, folders }) {
  if (setting) return /\.[cm]?js$/.test(setting) ? { module: setting } : { command: setting };
  for (const folder of folders) {
    const module = path.join(folder, BIN);
    if (fs.existsSync(module)) return { module };
  }
  return { command: 'k8s-svc-lint' };
}

module.exports = { serverCommand };
