/**
 * Options with their sources merged — command line over configuration file over defaults —
 * for every command that reads manifests: `lint`, `resolve` and the language server (`lsp`,
 * once per workspace folder, as if run from it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../engine/rule.js';
import type { RenderSettings } from '../load/index.js';
import type { WalkOptions } from '../load/walk.js';
import { NEWEST_KNOWN_KUBE_VERSION } from '../model/api-resources.js';
import { findConfig, loadConfig, type Config } from './config.js';
import { DEFAULT_NODE_PORT_RANGE, type NoManifestsLevel, parseKubeVersion, parseNodePortRange, UsageError } from './options.js';

/** The command-line options settings come from (each command has a subset). */
export interface SettingsFlags {
  config?: string;
  namespace?: string;
  clusterDomain?: string;
  kubeVersion?: string;
  nodePortRange?: string;
  ignorePattern: string[];
  /** false with `--no-ignore` */
  ignore: boolean;
  /** `--no-manifests LEVEL` (commander names a `--no-` option after what it negates; true when not given) */
  manifests?: string | boolean;
  /** `--render`, `--kustomize-command`, `--helm-values` (lint and resolve only) */
  render?: boolean;
  kustomizeCommand?: string;
  helmValues?: string[];
}

/** Where a command runs: settings are found from the working directory up. */
export interface SettingsPlace {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Settings {
  readonly config?: Config;
  readonly namespace: string;
  readonly clusterDomain: string;
  readonly kubeMinor: number;
  readonly nodePortRange: { min: number; max: number };
  /** `K8S_SVC_LINT_PRECISE=1`: no fast paths (for ruling them out when a result looks wrong). */
  readonly precise: boolean;
  /** What an input without manifests is (`--no-manifests`, config `noManifests`). */
  readonly noManifests: NoManifestsLevel;
  /** `--render` (or the configuration's `render`): the settings of the rendering tools; undefined without it. */
  readonly render?: RenderSettings;
}

/** @param warn told what is worth a warning (a --kube-version newer than the tool knows) */
export function settingsFor(flags: SettingsFlags, place: SettingsPlace, warn: (text: string) => void): Settings {
  const file = findConfig(place.cwd, flags.config);
  const config = file ? loadConfig(file, place.cwd) : undefined;
  const kubeVersion = flags.kubeVersion ?? config?.kubeVersion ?? NEWEST_KNOWN_KUBE_VERSION;
  const kubeMinor = parseKubeVersion(kubeVersion);
  if (kubeMinor > Number(NEWEST_KNOWN_KUBE_VERSION.split('.')[1])) {
    warn(`warning: Kubernetes ${kubeVersion} is newer than this release knows (its API data ends at ${NEWEST_KNOWN_KUBE_VERSION}): APIs deprecated or removed after ${NEWEST_KNOWN_KUBE_VERSION} are not reported`);
  }
  const noManifests = typeof flags.manifests === 'string' ? flags.manifests : (config?.noManifests ?? 'warn');
  return {
    ...(config ? { config } : {}),
    namespace: flags.namespace ?? config?.namespace ?? 'default',
    clusterDomain: flags.clusterDomain ?? config?.clusterDomain ?? 'cluster.local',
    kubeMinor,
    nodePortRange: parseNodePortRange(flags.nodePortRange ?? config?.nodePortRange ?? DEFAULT_NODE_PORT_RANGE),
    precise: place.env['K8S_SVC_LINT_PRECISE'] === '1',
    noManifests: noManifests as NoManifestsLevel,
    ...((flags.render ?? config?.render) ? { render: renderSettings(flags, config, place) } : {}),
  };
}

/** `--kustomize-command` and `--helm-values` over the configuration's; values files must exist. */
function renderSettings(flags: SettingsFlags, config: Config | undefined, place: SettingsPlace): RenderSettings {
  const helmValues = flags.helmValues ?? [];
  const values =
    helmValues.length > 0
      ? helmValues.map((file) => path.resolve(place.cwd, file))
      : (config?.helmValues ?? []).map((file) => path.resolve(path.dirname(config!.path), file));
  for (const file of values) if (!existsSync(file)) throw new UsageError(`--helm-values: no such file: ${path.relative(place.cwd, file) || file}`);
  const command = flags.kustomizeCommand ?? config?.kustomizeCommand;
  return { env: place.env, helmValues: values, ...(command ? { kustomizeCommand: command } : {}) };
}

/**
 * The settings of the language server: never rendering (it would run kustomize and helm at
 * every edit), so kustomize trees are linted file by file and Helm charts skipped, as
 * `k8s-svc-lint` without --render, whatever the configuration's `render` says.
 */
export function editorSettingsFor(flags: SettingsFlags, place: SettingsPlace, warn: (text: string) => void): Settings {
  const settings = settingsFor({ ...flags, render: false }, place, warn);
  if (settings.config?.render) warn(RENDER_NOTICE);
  return settings;
}

/** Said when the configuration asks for `render: true`, which only the command line does. */
export const RENDER_NOTICE =
  "the configuration's render: true is for the command line: in the editor kustomize trees are linted file by file (patches as parts of objects) and Helm charts are skipped, as k8s-svc-lint without --render";

/** Which files to read below the inputs: the configuration's `ignore`, `--ignore-pattern`, `--no-ignore`. */
export function walkOptionsFor(flags: SettingsFlags, settings: Settings, place: SettingsPlace): WalkOptions {
  const config = settings.config;
  return {
    cwd: place.cwd,
    ...(config?.ignore ? { ignore: { base: path.dirname(config.path), patterns: config.ignore } } : {}),
    ignorePatterns: flags.ignorePattern,
    noIgnore: !flags.ignore,
    env: place.env,
  };
}

/** Rule severities: the configuration's `rules`, then `--rule` (already checked). */
export function severitiesFor(settings: Settings, fromFlags: ReadonlyMap<string, Severity>): Map<string, Severity> {
  return new Map([...Object.entries(settings.config?.rules ?? {}), ...fromFlags]);
}
