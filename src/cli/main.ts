/** argv → options → run → exit code. The only layer that knows about the process (through CliIO). */
import { Command, CommanderError, Option } from 'commander';
import { RULES } from '../../rules/index.js';
import type { Rule } from '../engine/rule.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LINT_FORMATS, LINT_FORMATTERS, type FormatContext, type LintFormatName } from '../format/index.js';
import { RESOLVE_FORMATS, RESOLVE_FORMATTERS, type ResolveFormatName } from '../format/resolve/index.js';
import { loadInputs, loadRenderedInputs, type RenderSettings } from '../load/index.js';
import { NEWEST_KNOWN_KUBE_VERSION } from '../model/api-resources.js';
import { analyze, type Timings } from '../pipeline.js';
import { locate } from '../report/diagnostic.js';
import { buildResolveReport } from '../report/resolve.js';
import { lintExitCode } from '../report/results.js';
import { CONFIG_FILE, findConfig, loadConfig, type Config } from './config.js';
import type { CliIO } from './io.js';
import {
  DEFAULT_NODE_PORT_RANGE,
  parseKubeVersion,
  parseMaxWarnings,
  parseNodePortRange,
  parseRuleSettings,
  UsageError,
  useColor,
} from './options.js';
import { schemaSource } from '../schema/validators.js';
import { packageRoot } from '../util/package-root.js';
import { VERSION } from './version.js';

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
  render?: boolean;
  kustomizeCommand?: string;
  helmValues: string[];
}

interface LintFlags extends CommonFlags {
  rule: string[];
  maxWarnings?: string;
  quiet?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Options of both `lint` and `resolve`. */
function addCommonOptions(command: Command): Command {
  return command
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', `configuration file (default: the nearest ${CONFIG_FILE} from the working directory up)`)
    .option('-n, --namespace <ns>', 'namespace of objects that name none (default: "default")')
    .option('--cluster-domain <domain>', 'the cluster\'s DNS domain, for Service references (default: cluster.local)')
    .option('--kube-version <version>', `Kubernetes version to check removed and deprecated APIs against (default: ${NEWEST_KNOWN_KUBE_VERSION})`)
    .option('--node-port-range <from-to>', `the cluster's --service-node-port-range (default: ${DEFAULT_NODE_PORT_RANGE})`)
    .option('--stdin-filename <name>', 'name to show for input read from "-"')
    .option('--render', 'lint what kustomization roots and Helm charts render to, with the kustomize, kubectl or helm on PATH')
    .option('--kustomize-command <command>', 'with --render: the command that builds a kustomization (default: kustomize build, else kubectl kustomize)')
    .option('--helm-values <file>', 'with --render: a values file for every chart (repeatable)', collect, [])
    .option('--color', 'force coloured output')
    .option('--no-color', 'no coloured output (also: NO_COLOR=1)');
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

  addCommonOptions(
    program
      .command('lint', { isDefault: true })
      .description('lint manifest files and directories ("-" reads stdin); the default command')
      .argument('[paths...]', 'files and directories to lint', ['.'])
      .addOption(new Option('-f, --format <format>', 'output format').choices(LINT_FORMATS).default('stylish'))
      .option('--rule <id=severity>', 'set a rule to off, warn or error (repeatable)', collect, [])
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
      .option('--quiet', 'report errors only'),
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

  program
    .command('rules')
    .description('list the rules with their id, default severity and description')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((flags: { format: string }) => {
      io.write(listRules(rules, flags.format));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too, with code 0
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.writeError(`k8s-svc-lint: ${error.message}\n`);
      return 2;
    }
    io.writeError(`k8s-svc-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env['DEBUG'] && error instanceof Error && error.stack) io.writeError(`${error.stack}\n`);
    return 2;
  }
}

/** Options with their sources merged: command line over configuration file over defaults. */
interface Settings {
  readonly config?: Config;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly kubeMinor: number;
  readonly nodePortRange: { min: number; max: number };
  /** `K8S_SVC_LINT_PRECISE=1`: no fast paths (for ruling them out when a result looks wrong). */
  readonly precise: boolean;
  /** `--render`: the settings of the rendering tools; undefined without it. */
  readonly render?: RenderSettings;
}

function settingsFor(flags: CommonFlags, io: CliIO): Settings {
  const file = findConfig(io.cwd, flags.config);
  const config = file ? loadConfig(file, io.cwd) : undefined;
  return {
    ...(config ? { config } : {}),
    namespace: flags.namespace ?? config?.namespace ?? 'default',
    clusterDomain: flags.clusterDomain ?? config?.clusterDomain ?? 'cluster.local',
    kubeMinor: parseKubeVersion(flags.kubeVersion ?? config?.kubeVersion ?? NEWEST_KNOWN_KUBE_VERSION),
    nodePortRange: parseNodePortRange(flags.nodePortRange ?? config?.nodePortRange ?? DEFAULT_NODE_PORT_RANGE),
    precise: io.env['K8S_SVC_LINT_PRECISE'] === '1',
    ...((flags.render ?? config?.render) ? { render: renderSettings(flags, config, io) } : {}),
  };
}

/** `--kustomize-command` and `--helm-values` over the configuration's; values files must exist. */
function renderSettings(flags: CommonFlags, config: Config | undefined, io: CliIO): RenderSettings {
  const values =
    flags.helmValues.length > 0
      ? flags.helmValues.map((file) => path.resolve(io.cwd, file))
      : (config?.helmValues ?? []).map((file) => path.resolve(path.dirname(config!.path), file));
  for (const file of values) if (!existsSync(file)) throw new UsageError(`--helm-values: no such file: ${path.relative(io.cwd, file) || file}`);
  const command = flags.kustomizeCommand ?? config?.kustomizeCommand;
  return { env: io.env, helmValues: values, ...(command ? { kustomizeCommand: command } : {}) };
}

async function load(paths: string[], flags: CommonFlags, settings: Settings, io: CliIO) {
  const config = settings.config;
  const options = {
    cwd: io.cwd,
    precise: settings.precise,
    readStdin: () => io.readStdin(),
    ...(flags.stdinFilename ? { stdinName: flags.stdinFilename } : {}),
    ...(config?.ignore ? { ignore: { base: path.dirname(config.path), patterns: config.ignore } } : {}),
  };
  const loaded = settings.render ? await loadRenderedInputs(paths, options, settings.render) : loadInputs(paths, options);
  for (const notice of loaded.notices) io.writeError(`k8s-svc-lint: ${notice}\n`);
  for (const missing of loaded.missing) io.writeError(`k8s-svc-lint: no such file or directory: ${missing}\n`);
  return loaded;
}

function emit(report: string, flags: CommonFlags, io: CliIO): void {
  if (flags.output) io.writeFile(flags.output, report);
  else io.write(report);
}

function colorFor(flags: CommonFlags, io: CliIO): boolean {
  return flags.output ? false : useColor(flags.color, io.env, io.stdoutIsTTY);
}

async function runLint(paths: string[], flags: LintFlags, io: CliIO, rules: readonly Rule[]): Promise<number> {
  const settings = settingsFor(flags, io);
  const severities = new Map([...Object.entries(settings.config?.rules ?? {}), ...parseRuleSettings(flags.rule, rules)]);
  const maxWarnings = flags.maxWarnings !== undefined ? parseMaxWarnings(flags.maxWarnings) : undefined;
  const loaded = await load(paths, flags, settings, io);
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
  for (const file of analysis.model.files) if (file.notice) io.writeError(`k8s-svc-lint: ${file.path}: ${file.notice}\n`);
  const format = flags.format as LintFormatName;
  const context: FormatContext = {
    rules: new Map(rules.map((r) => [r.meta.id, format === 'sarif' ? { ...r.meta, ...ruleDoc(r.meta.id) } : r.meta])),
    color: colorFor(flags, io),
    version: VERSION,
    // (a rendered object is listed in the author's file it came from)
    objects: analysis.model.objects.map((o) => ({ filePath: o.file.rendering ? locate(o.at()).filePath : o.file.path, kind: o.kind, namespace: o.namespace, name: o.name })),
  };
  emit(LINT_FORMATTERS[format](analysis.results, context), flags, io);

  for (const failure of analysis.failures) {
    const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
    io.writeError(`k8s-svc-lint: internal error in rule ${failure.ruleId} on ${failure.subject}: ${reason}\n`);
    if (io.env['DEBUG'] && failure.error instanceof Error && failure.error.stack) io.writeError(`${failure.error.stack}\n`);
  }
  if (analysis.failures.length > 0 || loaded.missing.length > 0) return 2;
  return lintExitCode(analysis.results, maxWarnings);
}

/** Informational: exit 0 unless the command line was wrong. */
async function runResolve(paths: string[], flags: CommonFlags, io: CliIO): Promise<number> {
  const settings = settingsFor(flags, io);
  const loaded = await load(paths, flags, settings, io);
  const analysis = analyze(loaded.sources, [], { ...settings, severities: new Map() });
  const report = buildResolveReport(analysis.model, analysis.index);
  emit(RESOLVE_FORMATTERS[flags.format as ResolveFormatName](report, { color: colorFor(flags, io) }), flags, io);
  return loaded.missing.length > 0 ? 2 : 0;
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
