/**
 * Loaded with `node --import` by the benchmark: prints the process's peak resident set size on
 * exit, so the figure covers the whole CLI process and nothing in the product changes for it.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nk8s-svc-lint-bench peak-rss-kb=${process.resourceUsage().maxRSS}\n`);
});
