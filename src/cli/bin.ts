/** The executable's entry point: the real process's IO into the CLI, its result into the exit code. */
import { applyV8Flags } from '../util/v8-flags.js';
import { main } from './main.js';
import { nodeIO } from './node-io.js';

applyV8Flags();
process.exitCode = await main(process.argv.slice(2), nodeIO());
