/** A language service over a folder, set up as the language server sets one up (settings.ts). */
import { RULES } from '../../rules/index.js';
import { parseRuleSettings } from '../../src/cli/options.js';
import { editorSettingsFor, severitiesFor, walkOptionsFor, type SettingsFlags } from '../../src/cli/settings.js';
import { LanguageService } from '../../src/language/service.js';
import type { EditorDiagnostic, Position, Range, TextEdit } from '../../src/language/types.js';
import { Workspace } from '../../src/language/workspace.js';

export interface ServiceOptions {
  /** Only these paths of the folder (a file opened outside any workspace folder). */
  readonly inputs?: readonly string[];
  /** Command-line options, as `k8s-svc-lint lsp` takes them. */
  readonly args?: readonly string[];
}

/** `--kube-version 1.20 --rule x=warn …` → settings flags and rule severities. */
function flagsOf(args: readonly string[]): { flags: SettingsFlags; rules: string[] } {
  const flags: SettingsFlags = { ignorePattern: [], ignore: true };
  const rules: string[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i]!, args[i + 1]!];
    if (name === '--kube-version') flags.kubeVersion = value;
    else if (name === '--node-port-range') flags.nodePortRange = value;
    else if (name === '--cluster-domain') flags.clusterDomain = value;
    else if (name === '-n' || name === '--namespace') flags.namespace = value;
    else if (name === '--rule') rules.push(value);
    else throw new Error(`unknown option in a test: ${name}`);
  }
  return { flags, rules };
}

export function languageService(root: string, options: ServiceOptions = {}, warn: (text: string) => void = () => {}): LanguageService {
  const { flags, rules } = flagsOf(options.args ?? []);
  const place = { cwd: root, env: process.env };
  const settings = editorSettingsFor(flags, place, warn);
  const workspace = new Workspace({
    root,
    walk: walkOptionsFor(flags, settings, place),
    ...(options.inputs ? { inputs: options.inputs } : {}),
    analysis: { ...settings, severities: severitiesFor(settings, parseRuleSettings(rules, RULES)) },
    rules: RULES,
  });
  return new LanguageService(workspace);
}

/** `12:5 rule-id` for each finding (1-based, as the CLI prints them). */
export function brief(diagnostics: readonly EditorDiagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

/** The position of the `nth` occurrence of `text` in `source` (0-based line and character), plus `offset` characters. */
export function positionOf(source: string, text: string, offset = 0, nth = 1): Position {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = source.indexOf(text, index + 1);
    if (index < 0) throw new Error(`"${text}" is not in the text`);
  }
  const before = source.slice(0, index + offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** A text with edits applied (each range in the text's own lines). */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

export function rangeOf(position: Position): Range {
  return { start: position, end: position };
}
