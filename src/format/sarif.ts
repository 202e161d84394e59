/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule descriptor per rule
 * (description, help from the rule's doc, a link to its page), real regions, related
 * locations, the Kubernetes object as a logical location, paths relative to the repository
 * root (`%SRCROOT%`), and fingerprints that survive edits elsewhere in the file.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Location } from '../report/diagnostic.js';
import type { FileResult } from '../report/results.js';
import type { LintFormatter, RuleInfo, SarifContext } from './types.js';

const SRCROOT = '%SRCROOT%';

/** Bumped only if what the fingerprint covers changes: code scanning then sees new alerts. */
const FINGERPRINT = 'k8sSvcLintFinding/v1';

function toPascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** The first paragraph after the title and severity lines of a rule doc. */
function summary(doc: string | undefined): string | undefined {
  const paragraphs = (doc ?? '').split(/\n\s*\n/).map((p) => p.trim());
  return paragraphs.find((p) => p && !p.startsWith('#') && !p.startsWith('**Default severity'))?.replace(/\s*\n\s*/g, ' ');
}

function level(severity: string): 'error' | 'warning' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warn' ? 'warning' : 'none';
}

/**
 * A relative URI reference for a path: every segment percent-encoded, so that `:` in the first
 * one cannot read as a scheme and `#`, `?` or `%` in a name stay part of it.
 */
function relativeUri(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** A findings' path (relative to the working directory) as an artifact location under %SRCROOT%. */
function artifactLocation(filePath: string, context: SarifContext | undefined) {
  if (!context) return { uri: relativeUri(filePath) };
  const absolute = path.resolve(context.cwd, filePath);
  const relative = path.relative(context.root, absolute).split(path.sep).join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relativeUri(relative), uriBaseId: SRCROOT };
}

function physicalLocation(location: Location, context: SarifContext | undefined) {
  return {
    artifactLocation: artifactLocation(location.filePath, context),
    region: { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn },
  };
}

function descriptor(rule: RuleInfo, context: SarifContext | undefined) {
  const full = summary(rule.doc);
  return {
    id: rule.id,
    name: toPascalCase(rule.id),
    shortDescription: { text: rule.description },
    ...(full ? { fullDescription: { text: full } } : {}),
    ...(context ? { helpUri: context.helpUri(rule.id) } : {}),
    ...(rule.doc ? { help: { text: rule.doc, markdown: rule.doc } } : {}),
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: ['kubernetes'] },
  };
}

/**
 * What a finding is about, without line numbers: the rule, the object (group, kind, namespace,
 * name) and the place inside it; for findings about no object (a syntax error), the file and
 * the message. Edits elsewhere in the file leave it unchanged, so code scanning keeps the alert.
 */
function fingerprintOf(fileUri: string, m: Diagnostic): string {
  const object = m.object;
  const what = object
    ? [m.ruleId, object.apiVersion.includes('/') ? object.apiVersion.split('/')[0]! : '', object.kind, object.namespace, object.name, m.objectPath ?? '']
    : [m.ruleId, fileUri, m.message];
  return createHash('sha256').update(what.join('\0')).digest('hex').slice(0, 32);
}

function sarifResults(results: readonly FileResult[], ruleIndex: ReadonlyMap<string, number>, context: SarifContext | undefined) {
  const occurrences = new Map<string, number>();
  return results.flatMap((result) =>
    result.messages.map((m) => {
      const fingerprint = fingerprintOf(artifactLocation(result.filePath, context).uri, m);
      // two findings alike in everything but position are told apart by their order
      const occurrence = (occurrences.get(fingerprint) ?? 0) + 1;
      occurrences.set(fingerprint, occurrence);
      return {
        ruleId: m.ruleId,
        ...(ruleIndex.has(m.ruleId) ? { ruleIndex: ruleIndex.get(m.ruleId) } : {}),
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [
          {
            physicalLocation: physicalLocation(m, context),
            ...(m.object
              ? {
                  logicalLocations: [
                    {
                      name: m.object.name,
                      fullyQualifiedName: `${m.object.namespace ? `${m.object.namespace}/` : ''}${m.object.kind}/${m.object.name}`,
                      kind: 'resource',
                    },
                  ],
                }
              : {}),
          },
        ],
        partialFingerprints: { [FINGERPRINT]: `${fingerprint}:${occurrence}` },
        ...(m.related.length > 0
          ? { relatedLocations: m.related.map((r, id) => ({ id, physicalLocation: physicalLocation(r, context), message: { text: r.message } })) }
          : {}),
      };
    }),
  );
}

export const formatSarif: LintFormatter = (results, context) => {
  const rules = [...context.rules.values()];
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const sarif = context.sarif;
  // a folder URI ends with a slash, or the relative URIs would resolve beside it
  const rootUri = sarif ? pathToFileURL(sarif.root).href.replace(/\/?$/, '/') : undefined;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'k8s-svc-lint',
            version: context.version,
            semanticVersion: context.version,
            ...(sarif ? { informationUri: sarif.informationUri } : {}),
            rules: rules.map((rule) => descriptor(rule, sarif)),
          },
        },
        ...(rootUri ? { originalUriBaseIds: { [SRCROOT]: { uri: rootUri } } } : {}),
        columnKind: 'utf16CodeUnits',
        results: sarifResults(results, ruleIndex, sarif),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
