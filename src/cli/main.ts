/** argv → options → run → exit code. The only layer that knows about the process (through CliIO). */
import { Command, CommanderError, Option } from 'commander';
import { RULES } from '../../rules/index.js';
import type { Rule } from '../engine/rule.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LINT_FORMATS, LINT_FORMATTERS, type FormatContext, type LintFormatName } from '../format/index.js';
import { RESOLVE_FORMATS, RESOLVE_FORMATTERS, type ResolveFormatName } from '../format/resolve/index.js';
import { loadInputs, loadRenderedInputs, type LoadOptions, type LoadResult, type RenderSettings } from '../load/index.js';
import { findRepositoryRoot } from '../load/git.js';
import { LINTIGNORE } from '../load/walk.js';
import { NEWEST_KNOWN_KUBE_VERSION } from '../model/api-resources.js';
import { analyze, type Analysis, type InternalFailure, type Timings } from '../pipeline.js';
import { locate } from '../report/diagnostic.js';
import { buildResolveReport } from '../report/resolve.js';
import { lintExitCode, objectEntries, totals } from '../report/results.js';
import { safeText } from '../report/safe-text.js';
import type { SarifContext } from '../format/types.js';
import { CONFIG_FILE } from './config.js';
import type { CliIO } from './io.js';
import { settingsFor, severitiesFor, walkOptionsFor, type Settings, type SettingsFlags } from './settings.js';
import {
  DEFAULT_NODE_PORT_RANGE,
  NO_MANIFESTS_LEVELS,
  type NoManifestsLevel,
  parseMaxWarnings,
  parseRuleSettings,
  UsageError,
  useColor,
} from './options.js';
import { newerReleaseNotice } from '../schema/fields.js';
import { schemaSource } from '../schema/validators.js';
import { packageRoot } from '../util/package-root.js';
import { HOMEPAGE, VERSION } from './version.js';

interface CommonFlags {
  format: string;
  output?: string;
  config?: string;
  namespace?: string;
  clusterDomain?: string;
  kubeVersion?: string;
  nodePortRange?: string;
  color?: boolean;
  stdinFilename?: string;
  ignorePattern: string[];
  /** false with `--no-ignore` */
  ignore: boolean;
  /** `--no-manifests LEVEL` (commander names a `--no-` option after what it negates; true when not given) */
  manifests: string | boolean;
  render?: boolean;
  kustomizeCommand?: string;
  helmValues: string[];
}

interface LintFlags extends CommonFlags {
  rule: string[];
  maxWarnings?: string;
  quiet?: boolean;
  sarifRoot?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Options of `lint` and `resolve`. */
function addCommonOptions(command: Command): Command {
  return addSettingsOptions(command.option('-o, --output <file>', 'write the report to a file instead of stdout'))
    .option('--stdin-filename <name>', 'name to show for input read from "-"')
    .addOption(
      new Option('--no-manifests <level>', 'when an input holds no Kubernetes manifests: off, warn (a notice, the default) or error (exit 2)').choices(NO_MANIFESTS_LEVELS),
    )
    .option('--render', 'lint what kustomization roots and Helm charts render to, with the kustomize, kubectl or helm on PATH')
    .option('--kustomize-command <command>', 'with --render: the command that builds a kustomization (default: kustomize build, else kubectl kustomize)')
    .option('--helm-values <file>', 'with --render: a values file for every chart (repeatable)', collect, [])
    .option('--color', 'force coloured output')
    .option('--no-color', 'no coloured output (also: NO_COLOR=1, TERM=dumb)');
}

/** Options of every command that reads manifests: what is read and how it is judged (see settings.ts). */
function addSettingsOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', `configuration file (default: the nearest ${CONFIG_FILE} from the working directory up)`)
    .option('-n, --namespace <ns>', 'namespace of objects that name none (default: "default")')
    .option('--cluster-domain <domain>', 'the cluster\'s DNS domain, for Service references (default: cluster.local)')
    .option('--kube-version <version>', `Kubernetes version of the target cluster, for removed APIs and unknown fields (default: ${NEWEST_KNOWN_KUBE_VERSION})`)
    .option('--node-port-range <from-to>', `the cluster's --service-node-port-range (default: ${DEFAULT_NODE_PORT_RANGE})`)
    .option('--ignore-pattern <pattern>', 'leave out paths matching a .gitignore-style pattern, relative to the working directory (repeatable)', collect, [])
    .option('--no-ignore', `read what .gitignore, ${LINTIGNORE}, the configuration's ignore and --ignore-pattern would leave out`);
}

function versionText(): string {
  let schemas = 'schemas not built (run npm run build)';
  try {
    const { kubernetesVersion, source } = schemaSource();
    schemas = `schemas of Kubernetes ${kubernetesVersion} from ${source}`;
  } catch {
    // keep the notice
  }
  return `${VERSION} (API versions up to Kubernetes ${NEWEST_KNOWN_KUBE_VERSION}; ${schemas})`;
}

export async function main(argv: readonly string[], io: CliIO, rules: readonly Rule[] = RULES): Promise<number> {
  let exitCode = 0;
  const program = new Command('k8s-svc-lint')
    .description('Static analysis of Kubernetes manifests that understands how Services reach their pods')
    .version(versionText(), '--version', 'print the version and the Kubernetes versions its data describes')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.write(text), writeErr: (text) => io.writeError(text) });

  const lint = addCommonOptions(
    program
      .command('lint', { isDefault: true })
      .description('lint manifest files, directories and quoted globs ("-" reads stdin); the default command')
      .argument('[paths...]', 'files, directories and quoted globs to lint', ['.'])
      .addOption(new Option('-f, --format <format>', 'output format').choices(LINT_FORMATS).default('stylish'))
      .option('--rule <id=severity>', 'set a rule to off, warn or error (repeatable)', collect, [])
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
      .option('--quiet', 'report errors only')
      .option('--sarif-root <dir>', 'folder SARIF paths are relative to (default: the repository root, found from the working directory up)'),
  ).action(async (paths: string[], flags: LintFlags) => {
    exitCode = await runLint(paths, flags, io, rules);
  });

  addCommonOptions(
    program
      .command('resolve')
      .description('show which workloads and container ports each Service reaches')
      .argument('[paths...]', 'files and directories to read', ['.'])
      .addOption(new Option('-f, --format <format>', 'output format').choices(RESOLVE_FORMATS).default('table')),
  ).action(async (paths: string[], flags: CommonFlags) => {
    exitCode = await runResolve(paths, flags, io);
  });

  addSettingsOptions(
    program
      .command('lsp')
      .description('run the language server for editors (Language Server Protocol over stdio): live findings, hover, go to definition, quick fixes')
      .option('--stdio', 'talk over stdin and stdout (the default; editors pass it)'),
  )
    .option('--rule <id=severity>', 'set a rule to off, warn or error (repeatable)', collect, [])
    .action(async (flags: LanguageServerFlags) => {
      exitCode = await runLanguageServer(flags, io, rules);
    });

  program
    .command('rules')
    .description('list the rules with their id, default severity and description')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((flags: { format: string }) => {
      io.write(listRules(rules, flags.format));
    });
  // `k8s-svc-lint --help`: the commands, then the options of lint, the default command
  program.helpInformation = () => topLevelHelp(program, lint);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with code 0
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      notify(io, error.message);
      return 2;
    }
    notify(io, `internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (io.env['DEBUG'] && error instanceof Error && error.stack) io.writeError(`${error.stack}\n`);
    return 2;
  }
}

function settingsOf(flags: CommonFlags, io: CliIO): Settings {
  return settingsFor(flags, io, (text) => notify(io, text));
}

/** Every line for stderr goes through here: notices name paths and values from the input. */
function notify(io: CliIO, text: string): void {
  io.writeError(`k8s-svc-lint: ${safeText(text)}\n`);
}

async function load(paths: string[], flags: CommonFlags, settings: Settings, io: CliIO): Promise<LoadResult> {
  const options: LoadOptions = {
    ...walkOptionsFor(flags, settings, io),
    precise: settings.precise,
    readStdin: (limit) => io.readStdin(limit),
    ...(flags.stdinFilename ? { stdinName: flags.stdinFilename } : {}),
  };
  const loaded = settings.render ? await loadRenderedInputs(paths, options, settings.render) : loadInputs(paths, options);
  for (const notice of loaded.notices) notify(io, notice);
  for (const missing of loaded.missing) notify(io, `no such file or directory${/[*?[\]{}]/.test(missing) ? ', or no file matches the glob' : ''}: ${missing}`);
  return loaded;
}

/**
 * What was read, on stderr: how many objects in how many files, and each input that held no
 * Kubernetes manifest (an empty folder, a wrong path, a glob matching only other files).
 * True when that is an error (`--no-manifests error`).
 */
function reportInputs(loaded: LoadResult, analysis: Analysis, level: NoManifestsLevel, io: CliIO): boolean {
  const objects = new Map<string, number>();
  for (const object of analysis.model.objects) {
    // (`--render`: a rendered object counts for the author's file it came from; a file the
    // renderings were made from is a manifest)
    const file = object.file.rendering ? locate(object.at()).filePath : object.file.path;
    objects.set(file, (objects.get(file) ?? 0) + 1);
  }
  for (const file of analysis.model.files) if (file.renderedIn && file.renderedIn.length > 0) objects.set(file.path, (objects.get(file.path) ?? 0) + 1);
  const withFindings = new Set(analysis.results.filter((r) => r.messages.length > 0).map((r) => r.filePath));
  const isManifest = (file: string) => (objects.get(file) ?? 0) > 0 || withFindings.has(safeText(file));
  const files = analysis.model.files.filter((file) => !file.rendering);
  const manifests = files.filter((file) => isManifest(file.path)).length;
  const others = files.length - manifests;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  notify(
    io,
    `${count(analysis.model.objects.length, 'Kubernetes object')} in ${count(manifests, 'file')} linted` +
      (others > 0 ? `; ${count(others, 'other YAML/JSON file')} held none` : ''),
  );
  if (level === 'off') return false;
  // a file named on the command line that is not a manifest is normal (pre-commit passes every
  // staged YAML file); it counts only when nothing at all was found
  const empty = loaded.inputs.filter((input) => !input.files.some(isManifest));
  const reported = manifests === 0 ? empty : empty.filter((input) => input.kind !== 'file');
  if (reported.length === 0) return false;
  const prefix = level === 'error' ? 'error' : 'warning';
  notify(io, `${prefix}: 0 Kubernetes manifests found in ${reported.map((input) => (input.kind === 'stdin' ? 'stdin' : input.input)).join(', ')}`);
  return level === 'error';
}

function emit(report: string, flags: CommonFlags, io: CliIO): void {
  if (!flags.output) return io.write(report);
  try {
    io.writeFile(flags.output, report);
  } catch (error) {
    throw new UsageError(`-o ${flags.output}: cannot write the report: ${describeWriteError(error)}`);
  }
}

function colorFor(flags: CommonFlags, io: CliIO): boolean {
  return flags.output ? false : useColor(flags.color, io.env, io.stdoutIsTTY);
}

/** Stylish output wraps long messages to the terminal's width; not when piped or written to a file. */
function widthFor(flags: CommonFlags, io: CliIO): number | undefined {
  return flags.output || !io.stdoutIsTTY ? undefined : io.stdoutColumns;
}

async function runLint(paths: string[], flags: LintFlags, io: CliIO, rules: readonly Rule[]): Promise<number> {
  const settings = settingsOf(flags, io);
  const severities = severitiesFor(settings, parseRuleSettings(flags.rule, rules));
  const maxWarnings = flags.maxWarnings !== undefined ? parseMaxWarnings(flags.maxWarnings) : undefined;
  const loaded = await load(paths, flags, settings, io);
  const releaseNotice = newerReleaseNotice(settings.kubeMinor);
  if (releaseNotice) io.writeError(`k8s-svc-lint: ${releaseNotice}\n`);
  const analysis = analyze(loaded.sources, rules, {
    namespace: settings.namespace,
    clusterDomain: settings.clusterDomain,
    kubeMinor: settings.kubeMinor,
    nodePortRange: settings.nodePortRange,
    precise: settings.precise,
    severities,
    quiet: flags.quiet ?? false,
    timing: Boolean(io.env['TIMING']),
  });
  if (analysis.timings) io.writeError(formatTimings(analysis.timings, io.env['TIMING'] === 'all'));
  for (const file of analysis.model.files) if (file.notice) notify(io, `${file.path}: ${file.notice}`);
  const format = flags.format as LintFormatName;
  const context: FormatContext = {
    rules: new Map(rules.map((r) => [r.meta.id, format === 'sarif' ? { ...r.meta, ...ruleDoc(r.meta.id) } : r.meta])),
    color: colorFor(flags, io),
    version: VERSION,
    objects: objectEntries(analysis.model),
    ...(format === 'sarif' ? { sarif: sarifContext(flags, io) } : {}),
    ...(widthFor(flags, io) ? { width: widthFor(flags, io)! } : {}),
  };
  emit(LINT_FORMATTERS[format](analysis.results, context), flags, io);

  reportFailures(analysis.failures, io);
  const nothingLinted = reportInputs(loaded, analysis, settings.noManifests, io);
  const { warnings } = totals(analysis.results);
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    notify(io, `${warnings} warning${warnings === 1 ? '' : 's'} exceed${warnings === 1 ? 's' : ''} --max-warnings ${maxWarnings}`);
  }
  if (analysis.failures.length > 0 || loaded.missing.length > 0 || nothingLinted) return 2;
  return lintExitCode(analysis.results, maxWarnings);
}

/** Defects of this tool met during the run: after the report, one line each (with the stack under DEBUG). */
function reportFailures(failures: readonly InternalFailure[], io: CliIO): void {
  for (const failure of failures) {
    const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
    notify(io, `internal error ${failure.during} ${failure.subject}: ${reason}`);
    if (io.env['DEBUG'] && failure.error instanceof Error && failure.error.stack) io.writeError(`${failure.error.stack}\n`);
  }
}

/** Where SARIF paths are relative to: `--sarif-root`, else the repository's root, else the working directory. */
function sarifContext(flags: LintFlags, io: CliIO): SarifContext {
  const root = flags.sarifRoot ? path.resolve(io.cwd, flags.sarifRoot) : (findRepositoryRoot(io.cwd) ?? io.cwd);
  return { root, cwd: io.cwd, informationUri: HOMEPAGE, helpUri: (id) => `${HOMEPAGE}/blob/v${VERSION}/rules/${id}.md` };
}

/** Informational: exit 0 unless the command line was wrong. */
async function runResolve(paths: string[], flags: CommonFlags, io: CliIO): Promise<number> {
  const settings = settingsOf(flags, io);
  const loaded = await load(paths, flags, settings, io);
  const analysis = analyze(loaded.sources, [], { ...settings, severities: new Map() });
  const report = buildResolveReport(analysis.model, analysis.index);
  emit(RESOLVE_FORMATTERS[flags.format as ResolveFormatName](report, { color: colorFor(flags, io) }), flags, io);
  reportFailures(analysis.failures, io);
  const nothingRead = reportInputs(loaded, analysis, settings.noManifests, io);
  return loaded.missing.length > 0 || nothingRead || analysis.failures.length > 0 ? 2 : 0;
}

interface LanguageServerFlags extends SettingsFlags {
  rule: string[];
}

/**
 * `k8s-svc-lint lsp`: serves editors until they exit. Each workspace folder is read as a run in
 * it would read it; `-c` and the other options apply to every folder.
 */
async function runLanguageServer(flags: LanguageServerFlags, io: CliIO, rules: readonly Rule[]): Promise<number> {
  const ruleSeverities = parseRuleSettings(flags.rule, rules);
  const config = flags.config !== undefined ? path.resolve(io.cwd, flags.config) : undefined;
  // (loaded on demand: other commands never pay for the protocol's code)
  const { serveStdio } = await import('./lsp/stdio.js');
  return serveStdio({ flags: { ...flags, ...(config ? { config } : {}) }, ruleSeverities, env: io.env, rules });
}

/** A rule's documentation from the package (for SARIF help), when it is there. */
function ruleDoc(id: string): { doc?: string } {
  try {
    return { doc: readFileSync(path.join(packageRoot(), 'rules', `${id}.md`), 'utf8') };
  } catch {
    return {};
  }
}

/** ESLint's TIMING habit: phases, then the slowest rules (all of them with TIMING=all). */
function formatTimings(timings: Timings, all: boolean): string {
  const rows = (entries: readonly (readonly [string, number])[]) => entries.map(([name, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  const rules = [...timings.rules].sort((a, b) => b[1] - a[1]).slice(0, all ? undefined : 10);
  return ['Phase timings:', ...rows(timings.phases), 'Rule timings:', ...rows(rules), ''].join('\n');
}

function listRules(rules: readonly Rule[], format: string): string {
  if (format === 'json') {
    return JSON.stringify(rules.map((r) => ({ id: r.meta.id, severity: r.meta.severity, description: r.meta.description }))) + '\n';
  }
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  return rules.map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(5)}  ${r.meta.description}`).join('\n') + '\n';
}

/** Why writing a file failed, in words (`-o`). */
function describeWriteError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of the folder it goes into';
    case 'EISDIR':
      return 'it is a folder';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The commands, then lint's options: what a user typing `k8s-svc-lint --help` is after. */
function topLevelHelp(program: Command, lint: Command): string {
  const helper = program.createHelp();
  const width = Math.max(...program.commands.map((command) => helper.subcommandTerm(command).length));
  const commands = program.commands.map((command) => `  ${helper.subcommandTerm(command).padEnd(width)}  ${command.description()}`);
  const lintHelp = lint.helpInformation();
  const options = lintHelp.slice(lintHelp.indexOf('Arguments:'));
  return [
    'Usage: k8s-svc-lint [lint] [options] [paths...]',
    '       k8s-svc-lint resolve [options] [paths...]',
    '       k8s-svc-lint rules [options]',
    '       k8s-svc-lint lsp [options]',
    '',
    program.description(),
    '',
    'Commands:',
    ...commands,
    '',
    'lint, the default command:',
    '',
    options,
    'Run "k8s-svc-lint resolve --help" for the options of resolve; "k8s-svc-lint --version" prints the',
    'version and the Kubernetes versions of its API data and schemas.',
    '',
  ].join('\n');
}
