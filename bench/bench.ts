/**
 * `npm run bench`: generates deterministic corpora (1k, 10k, 50k apps) and measures the whole
 * CLI process on each (median wall time over several runs, documents per second, peak RSS),
 * the index and resolver alone (the CLI's own TIMING figure, and a warm loop in this process),
 * and the one-small-file (pre-commit) case.
 *
 *   npm run bench -- --apps 1000,10000 --runs 7
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RULES } from '../rules/index.js';
import { ModelIndex } from '../src/index/index.js';
import { loadInputs } from '../src/load/index.js';
import { analyze } from '../src/pipeline.js';
import { applyV8Flags } from '../src/util/v8-flags.js';
import { generateCorpus, writeCorpus, type SeededDefect } from './generate.js';
import { LspClient } from './lsp-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'bin/k8s-svc-lint.js');
const probe = path.join(root, 'dist/bench/rss-probe.js');

const { values } = parseArgs({
  options: {
    apps: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '5' },
    /** Workspaces the language server is measured on (findings after an edit, memory over many edits). */
    'lsp-apps': { type: 'string', default: '1000,10000' },
    'lsp-edits': { type: 'string', default: '1000' },
    dir: { type: 'string', default: path.join(tmpdir(), 'k8s-svc-lint-bench') },
  },
});
const sizes = values.apps.split(',').filter(Boolean).map(Number);
const runs = Number(values.runs);

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Generates the corpus once; a stamp file says which generator settings made it. */
function corpus(apps: number): { directory: string; documents: number; bytes: number; files: number; defects: readonly SeededDefect[] } {
  const directory = path.join(values.dir, `apps-${apps}`);
  const stampFile = path.join(directory, '.corpus.json');
  const generated = generateCorpus({ apps, seed: 42 });
  const stamp = { apps, documents: generated.documents, bytes: generated.bytes, files: generated.files.length };
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== JSON.stringify(stamp)) {
    writeCorpus(directory, generated);
    writeFileSync(stampFile, JSON.stringify(stamp));
  }
  return { directory, ...stamp, defects: generated.defects };
}

/** The lint run that is timed: all default rules, JSON report thrown away. */
function lintArgs(directory: string): string[] {
  return [directory, '-f', 'json', '-o', '/dev/null'];
}

function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; rssKb: number; stderr: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', probe, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env });
  const ms = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`k8s-svc-lint failed (${run.status}): ${run.stderr}`);
  const rss = /peak-rss-kb=(\d+)/.exec(run.stderr);
  return { ms, rssKb: rss ? Number(rss[1]) : NaN, stderr: run.stderr };
}

/**
 * The resolver alone, as a lint run pays for it: the CLI's own `TIMING=1` figure for building
 * the index and resolving every Service, median over separate runs (timing every rule costs a
 * little, so these runs are not the ones timed as a whole).
 */
function resolverInCli(directory: string): number {
  return median(
    Array.from({ length: runs }, () => {
      const { stderr } = runCli(lintArgs(directory), { ...process.env, TIMING: '1' });
      const phase = /([\d.]+) ms {2}index, resolve Services\n/.exec(stderr);
      if (!phase) throw new Error(`no index phase in the TIMING output: ${stderr}`);
      return Number(phase[1]);
    }),
  );
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
applyV8Flags();

/**
 * The same work in a warm loop in this process, for comparison: a full GC (and a pause for its
 * background sweeping), then index and resolve, 15 times after one untimed round. Between rounds
 * the model stays in the CPU caches when it fits them, so this shows how the resolver's cost
 * grows with the cache misses of a larger model (see README, Performance).
 */
async function resolverWarm(directory: string): Promise<number> {
  const loaded = loadInputs([directory], { cwd: root, readStdin: () => Buffer.alloc(0) });
  const { model } = analyze(loaded.sources, [], { namespace: 'default', clusterDomain: 'cluster.local', kubeMinor: 36, nodePortRange: { min: 30000, max: 32767 }, severities: new Map() });
  const times: number[] = [];
  for (let round = 0; round <= 15; round++) {
    collectGarbage();
    await sleep(10);
    const started = performance.now();
    const index = new ModelIndex(model);
    for (const service of model.services) index.resolver.resolve(service);
    if (round > 0) times.push(performance.now() - started);
  }
  return median(times);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`k8s-svc-lint benchmark — Node ${process.version}, ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${RULES.length} rules, ${runs} runs each`);
console.log('');
console.log('                                                                        index + resolver alone');
console.log('apps    files   documents   MB      median wall   docs/s      peak RSS   in the CLI   warm loop');
const results: Record<number, { ms: number; resolver: number; warm: number }> = {};
for (const apps of sizes) {
  const { directory, documents, bytes, files } = corpus(apps);
  runCli(lintArgs(directory)); // warm the file cache
  const measured = Array.from({ length: runs }, () => runCli(lintArgs(directory)));
  const ms = median(measured.map((m) => m.ms));
  const rss = Math.max(...measured.map((m) => m.rssKb)) / 1024;
  const resolver = resolverInCli(directory);
  const warm = await resolverWarm(directory);
  results[apps] = { ms, resolver, warm };
  console.log(
    `${String(apps).padEnd(8)}${String(files).padEnd(8)}${String(documents).padEnd(12)}${(bytes / 1e6).toFixed(1).padEnd(8)}` +
      `${(ms / 1000).toFixed(2).padStart(8)} s    ${String(Math.round(documents / (ms / 1000))).padEnd(12)}` +
      `${rss.toFixed(0).padStart(5)} MiB   ${resolver.toFixed(1).padStart(7)} ms   ${warm.toFixed(1).padStart(6)} ms`,
  );
}

const small = path.join(root, 'examples/shop/web.yaml');
runCli([small]);
const smallMs = median(Array.from({ length: runs }, () => runCli([small]).ms));
console.log('');
console.log(`one small file (pre-commit case, examples/shop/web.yaml): ${(smallMs / 1000).toFixed(3)} s`);
if (results[10000] && results[50000]) {
  const ratio = (of: 'resolver' | 'warm') => `${(results[50000]![of] / results[10000]![of]).toFixed(2)}×`;
  console.log(`resolver 50k / 10k: ${ratio('resolver')} in the CLI (${ratio('warm')} in the warm loop)`);
}

/** The language server's resident memory (Linux), in MiB. */
function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

function percentile(numbers: number[], p: number): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

/**
 * `k8s-svc-lint lsp` on a corpus as an editor drives it (tests use the same JSON-RPC client): the
 * time from opening the workspace to its findings, then edits that break and mend one app's pod
 * labels, each timed from the change sent to the findings of the Service's file received; and
 * the server's memory after the first 100 edits and after the last.
 */
async function languageServer(apps: number, edits: number): Promise<void> {
  const { directory, defects } = corpus(apps);
  const started = performance.now();
  const { client } = await LspClient.start(process.execPath, [cli, 'lsp', '--stdio'], directory);
  const pid = client.process.pid!;
  const uriOf = (file: string) => pathToFileURL(path.join(directory, file)).href;
  const defectFiles = [...new Set(defects.map((d) => uriOf(d.file)))];
  await client.waitFor(() => defectFiles.every((uri) => client.diagnostics.has(uri)), 600_000, 'the findings of the workspace');
  const loaded = performance.now() - started;

  // an app in the middle of the tree whose Service and Deployment are clean
  const group = readdirSync(directory).filter((name) => name.startsWith('group-')).sort()[Math.floor(apps / 400)]!;
  const file = readdirSync(path.join(directory, group)).sort().find((name) => !defectFiles.includes(uriOf(path.join(group, name))))!;
  const uri = uriOf(path.join(group, file));
  const text = readFileSync(path.join(directory, group, file), 'utf8');
  const label = /\n {8}app\.kubernetes\.io\/name: (\S+)\n/.exec(text)!;
  const at = text.slice(0, label.index + 1).split('\n').length - 1;
  const column = label[0].indexOf(label[1]!) - 1;
  await client.open(uri, text);
  const latencies: number[] = [];
  let rssEarly = NaN;
  for (let edit = 0; edit < edits; edit++) {
    // break the label, then mend it: the Service's finding comes and goes
    const value = edit % 2 === 0 ? `${label[1]}x` : label[1]!;
    const before = client.published.length;
    const sent = performance.now();
    await client.change(uri, value, { start: { line: at, character: column }, end: { line: at, character: column + label[1]!.length + (edit % 2 === 0 ? 0 : 1) } });
    await client.waitFor(() => client.published.slice(before).some((p) => p.uri === uri), 600_000, 'the findings after an edit');
    latencies.push(client.published.slice(before).find((p) => p.uri === uri)!.at - sent);
    if (edit === 99) rssEarly = residentMiB(pid);
  }
  const rssLate = residentMiB(pid);
  await client.stop();
  const measured = latencies.slice(Math.min(20, Math.floor(edits / 5)));
  console.log(
    `${String(apps).padEnd(8)}${(loaded / 1000).toFixed(2).padStart(8)} s   ${median(measured).toFixed(1).padStart(7)} ms   ${percentile(measured, 95).toFixed(1).padStart(7)} ms` +
      `   ${String(edits).padStart(6)}   ${rssEarly.toFixed(0).padStart(5)} MiB → ${rssLate.toFixed(0).padStart(5)} MiB`,
  );
}

const lspSizes = values['lsp-apps'].split(',').filter(Boolean).map(Number);
if (lspSizes.length > 0) {
  console.log('');
  console.log('language server (k8s-svc-lint lsp): findings after an edit, memory over the edits');
  console.log('apps    first findings   median    p95       edits    RSS after 100 edits → after all');
  for (const apps of lspSizes) await languageServer(apps, Number(values['lsp-edits']));
}
