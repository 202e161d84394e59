/**
 * The configuration file: `.k8s-svc-lint.yaml` in the working directory or the nearest folder
 * above it, or the file given with `-c`. Validated against schemas/config.schema.json (shipped,
 * so editors can complete it); any unknown key or bad value is a usage error naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isScalar, parseDocument, type Document } from 'yaml';
import type { Severity } from '../engine/rule.js';
import type { SchemaError } from '../schema/validators.js';
import { packageRoot } from '../util/package-root.js';
import { UsageError } from './options.js';

export const CONFIG_FILE = '.k8s-svc-lint.yaml';

export interface Config {
  /** The file it came from; `ignore` patterns are relative to its folder. */
  readonly path: string;
  readonly rules?: Readonly<Record<string, Severity>>;
  readonly namespace?: string;
  readonly clusterDomain?: string;
  readonly kubeVersion?: string;
  readonly nodePortRange?: string;
  readonly ignore?: readonly string[];
  /** What an input without manifests is: off, warn (default) or error. */
  readonly noManifests?: 'off' | 'warn' | 'error';
  /** `--render`, and its tools' settings (values files relative to this file). */
  readonly render?: boolean;
  readonly kustomizeCommand?: string;
  readonly helmValues?: readonly string[];
}

/** `-c FILE`, else the nearest `.k8s-svc-lint.yaml` from `cwd` up; undefined when there is none. */
export function findConfig(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${explicit}`);
    return file;
  }
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(directory) === directory) return undefined;
  }
}

type ConfigValidator = ((value: unknown) => boolean) & { errors?: SchemaError[] | null };

function validator(): ConfigValidator {
  const require = createRequire(import.meta.url);
  return (require(path.join(packageRoot(), 'dist', 'validators', 'config.cjs')) as { config: ConfigValidator }).config;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/** The value at a key as written in the file (`1.30`, where the parsed number is 1.3). */
function written(document: Document, text: string, keys: readonly string[]): string | undefined {
  const node = document.getIn(keys, true);
  return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
}

/** One line per problem, naming the key (`rules.service-x: …`). */
function explain(error: SchemaError, config: unknown, source: { document: Document; text: string }): string {
  const where = error.instancePath.split('/').slice(1).join('.');
  const value = where ? where.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], config) : config;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key "${where ? `${where}.` : ''}${String(error.params['additionalProperty'])}"`;
    case 'propertyNames':
      return `rules: unknown rule "${String(error.params['propertyName'])}" (k8s-svc-lint rules lists them)`;
    case 'enum':
      return `${where}: must be ${(error.params['allowedValues'] as string[]).join(', ')}, got ${describe(value)}`;
    case 'type': {
      let hint = '';
      if (error.params['type'] === 'string' && typeof value === 'number') {
        const text = written(source.document, source.text, where.split('.')) ?? String(value);
        hint = ` (write it in quotes: "${text}"; unquoted, ${text} is read as the number ${String(value)})`;
      }
      return `${where || 'the file'}: must be ${String(error.params['type'])}, got ${describe(value)}${hint}`;
    }
    case 'pattern':
      return `${where}: ${describe(value)} is not valid here`;
    default:
      return `${where || 'the file'}: ${error.keyword} check failed`;
  }
}

export function loadConfig(file: string, cwd: string): Config {
  const shown = path.relative(cwd, file) || file;
  let value: unknown;
  let text: string;
  let document: Document;
  try {
    text = readFileSync(file, 'utf8');
    document = parseDocument(text);
    if (document.errors.length > 0) throw document.errors[0];
    value = document.toJS() ?? {};
  } catch (error) {
    throw new UsageError(`${shown}: not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const validate = validator();
  if (!validate(value)) {
    const problems = [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => explain(e, value, { document, text })))];
    throw new UsageError(`${shown}: ${problems.join('; ')}`);
  }
  return { ...(value as Omit<Config, 'path'>), path: file };
}
