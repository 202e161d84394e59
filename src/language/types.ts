/**
 * What the language service answers, in the Language Server Protocol's terms (0-based lines
 * and UTF-16 characters) but with workspace paths instead of URIs: the server maps paths to
 * URIs, tests read paths.
 */
import type { Position, Range } from 'vscode-languageserver-types';

export type { Position, Range };

/** A range in a file of the workspace (path relative to its folder, `/`-separated). */
export interface FileRange {
  readonly file: string;
  readonly range: Range;
}

export interface EditorDiagnostic {
  readonly range: Range;
  /** 1 = error, 2 = warning (the protocol's DiagnosticSeverity). */
  readonly severity: 1 | 2;
  /** The rule id. */
  readonly code: string;
  readonly message: string;
  /** The other side of the finding: the workload, the other Service. */
  readonly related: readonly { readonly location: FileRange; readonly message: string }[];
}

export interface TextEdit {
  readonly file: string;
  readonly range: Range;
  readonly newText: string;
}

export interface EditorCodeAction {
  readonly title: string;
  readonly kind: 'quickfix';
  /** The fix a finding's "did you mean" names: what an editor applies on "fix". */
  readonly isPreferred?: boolean;
  readonly diagnostics: readonly EditorDiagnostic[];
  readonly edits: readonly TextEdit[];
}

export interface EditorHover {
  /** Markdown. */
  readonly contents: string;
  readonly range: Range;
}
