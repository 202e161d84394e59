/** What the CLI bundle (dist/k8s-svc-lint.cjs) exports: the CLI and the real process's IO. */
export { main } from './main.js';
export { nodeIO } from './node-io.js';
