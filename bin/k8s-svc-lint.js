#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';
import { nodeIO } from '../dist/src/cli/node-io.js';

process.exitCode = await main(process.argv.slice(2), nodeIO());
