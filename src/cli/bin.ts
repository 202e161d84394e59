/** The executable's entry point: the real process's IO into the CLI, its result into the exit code. */
import { main } from './main.js';
import { nodeIO } from './node-io.js';

process.exitCode = await main(process.argv.slice(2), nodeIO());
