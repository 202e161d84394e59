/**
 * Suppressions: the `k8s-svc-lint.io/ignore` annotation on an object, and the comments
 * `# k8s-svc-lint-disable-line [rules]` (on the finding's line) and
 * `# k8s-svc-lint-disable-next-line [rules]` (on the line above). Without rules a comment
 * suppresses every rule; text after `--` (or another `#`) is a reason. A suppression that suppresses nothing is
 * reported (rule `unused-suppression`) so that stale ones get cleaned up.
 */
import type { Finding } from '../engine/run.js';
import type { SourceFile } from '../load/source.js';
import { IGNORE_ANNOTATION, type ObjectRef } from '../model/object.js';
import { locate, type Diagnostic } from './diagnostic.js';

export const UNUSED_SUPPRESSION = 'unused-suppression';
const MARKER = 'k8s-svc-lint-disable-';
const DIRECTIVE = /#\s*k8s-svc-lint-disable-(next-line|line)\b(.*)$/;

interface Suppression {
  /** The rules it names, or every rule. */
  readonly rules: ReadonlySet<string> | 'all';
  /** The rules it has suppressed a finding of. */
  readonly used: Set<string>;
  readonly describe: string;
  readonly at: () => Omit<Diagnostic, 'ruleId' | 'severity' | 'message' | 'related' | 'object'>;
  /** The annotated object. */
  readonly object?: ObjectRef;
}

interface Directive extends Suppression {
  readonly file: string;
  /** The line it applies to. */
  readonly line: number;
}

/** `rule-a, rule-b -- reason`: the rules before a `--` or another `#`. */
function parseRules(text: string): ReadonlySet<string> | 'all' {
  const rules = text.split(/--|#/)[0]!.split(/[\s,]+/).filter(Boolean);
  return rules.length === 0 ? 'all' : new Set(rules);
}

/** The directives in a file's comments. */
function directivesOf(file: SourceFile): Directive[] {
  // (the comments of a file are found once: the language server suppresses again after every edit)
  let found = directivesByFile.get(file);
  if (!found) directivesByFile.set(file, (found = findDirectives(file)));
  return found.map((directive) => ({ ...directive, used: new Set() }));
}

const directivesByFile = new WeakMap<SourceFile, readonly Directive[]>();

function findDirectives(file: SourceFile): Directive[] {
  if (!file.text.includes(MARKER)) return [];
  const directives: Directive[] = [];
  file.text.split('\n').forEach((text, index) => {
    if (!text.includes(MARKER)) return;
    const match = DIRECTIVE.exec(text);
    if (!match) return;
    const line = index + 1;
    const column = match.index + 1;
    directives.push({
      file: file.path,
      line: match[1] === 'line' ? line : line + 1,
      rules: parseRules(match[2]!),
      used: new Set(),
      describe: `# k8s-svc-lint-disable-${match[1]}`,
      at: () => ({ filePath: file.path, line, column, endLine: line, endColumn: text.length + 1 }),
    });
  });
  return directives;
}

function covers(suppression: Suppression, ruleId: string): boolean {
  return suppression.rules === 'all' || suppression.rules.has(ruleId);
}

export interface SuppressionResult {
  readonly kept: Diagnostic[];
  /** Findings of `unused-suppression` (empty when that rule is off). */
  readonly unused: Diagnostic[];
}

export interface SuppressionOptions {
  /** Severity of unused-suppression. */
  readonly severity: 'error' | 'warn' | 'off';
  /** Rules that ran: a suppression of a rule turned off is not called unused. */
  readonly enabled: ReadonlySet<string>;
  /** Every rule id, to tell a rule turned off from a misspelled one. */
  readonly known: ReadonlySet<string>;
}

/**
 * @param findings and `diagnostics` are parallel: the same findings, with positions
 * @param files every file read (directives can be anywhere)
 * @param objects every object read (annotations can be on objects without findings)
 */
export function applySuppressions(
  findings: readonly Finding[],
  diagnostics: readonly Diagnostic[],
  files: readonly SourceFile[],
  objects: readonly ObjectRef[],
  { severity, enabled, known }: SuppressionOptions,
): SuppressionResult {
  const directives = files.flatMap(directivesOf);
  const byLine = new Map<string, Directive[]>();
  for (const directive of directives) {
    const key = `${directive.file}:${directive.line}`;
    byLine.set(key, [...(byLine.get(key) ?? []), directive]);
  }
  const annotations = new Map<ObjectRef, Suppression>();
  for (const object of objects) {
    if (!object.ignoredRules) continue;
    annotations.set(object, {
      rules: object.ignoredRules === 'all' ? 'all' : new Set(object.ignoredRules),
      used: new Set(),
      describe: `annotation ${IGNORE_ANNOTATION}`,
      at: () => locate(object.at('metadata', 'annotations', IGNORE_ANNOTATION)),
      object,
    });
  }

  const kept: Diagnostic[] = [];
  findings.forEach((finding, i) => {
    const diagnostic = diagnostics[i]!;
    const candidates: Suppression[] = [...(byLine.get(`${diagnostic.filePath}:${diagnostic.line}`) ?? [])];
    const annotation = finding.object ? annotations.get(finding.object) : undefined;
    if (annotation) candidates.push(annotation);
    const suppressing = candidates.filter((s) => covers(s, finding.ruleId));
    for (const suppression of suppressing) suppression.used.add(finding.ruleId);
    if (suppressing.length === 0) kept.push(diagnostic);
  });

  const unused: Diagnostic[] = [];
  if (severity === 'off') return { kept, unused };
  for (const suppression of [...directives, ...annotations.values()]) {
    let message: string | undefined;
    if (suppression.rules === 'all') {
      if (suppression.used.size === 0) message = `${suppression.describe} suppresses nothing: remove it`;
    } else {
      const idle = [...suppression.rules].filter((rule) => !suppression.used.has(rule) && enabled.has(rule));
      const unknown = [...suppression.rules].filter((rule) => !known.has(rule));
      if (unknown.length > 0) message = `${suppression.describe} names no rule ${unknown.map((r) => `"${r}"`).join(', ')}`;
      else if (idle.length > 0) message = `${suppression.describe} for ${idle.join(', ')} suppresses nothing: remove ${idle.length === suppression.rules.size ? 'it' : 'those rules from it'}`;
    }
    if (message) {
      const object = suppression.object ? { object: suppression.object.id } : {};
      unused.push({ ruleId: UNUSED_SUPPRESSION, severity: severity === 'error' ? 2 : 1, message, related: [], ...object, ...suppression.at() });
    }
  }
  return { kept, unused };
}
