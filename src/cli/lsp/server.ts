/**
 * `k8s-svc-lint lsp`: the Language Server Protocol over stdio. A thin layer: it maps requests
 * and notifications onto the language service (src/language), one per workspace folder, each
 * reading its folder as `k8s-svc-lint` run there would (configuration, ignore files, options).
 * Diagnostics are pushed for every file whose findings changed, whichever file was edited.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../../engine/rule.js';
import { LanguageService } from '../../language/service.js';
import type { EditorDiagnostic, FileRange } from '../../language/types.js';
import { Workspace, type FileChange } from '../../language/workspace.js';
import { safeText } from '../../report/safe-text.js';
import { CONFIG_FILE } from '../config.js';
import { UsageError } from '../options.js';
import { editorSettingsFor, severitiesFor, walkOptionsFor, type SettingsFlags } from '../settings.js';
import { HOMEPAGE, VERSION } from '../version.js';

export interface ServerOptions {
  /** The command line's options (`k8s-svc-lint lsp -n shop …`), over each folder's configuration. */
  readonly flags: SettingsFlags;
  /** `--rule` severities, checked. */
  readonly ruleSeverities: ReadonlyMap<string, 'off' | 'warn' | 'error'>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly rules: readonly Rule[];
}

/** Files whose change means reading a folder's settings and file list again. */
const SETTINGS_FILES = new Set([CONFIG_FILE, '.gitignore', '.k8s-svc-lintignore']);


/** A workspace folder (or a file opened outside any), with its language service. */
interface Folder {
  readonly root: string;
  /** Only this file, for a file opened outside every workspace folder. */
  readonly loose?: string;
  service?: LanguageService;
  /** The configuration could not be used: nothing is linted until it is fixed. */
  problem?: { readonly file: string; readonly message: string };
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new Map<string, Folder>();
  /** The URI a client uses for a file, when it opened it (clients compare URIs as written). */
  const clientUris = new Map<string, string>();
  let relatedInformation = false;
  let watchedFilesSupported = false;
  let workspaceFoldersSupported = false;
  let pending: NodeJS.Immediate | undefined;

  const uriOf = (absolute: string) => clientUris.get(absolute) ?? pathToFileURL(absolute).href;
  const absoluteOf = (uri: string): string | undefined => {
    try {
      return uri.startsWith('file:') ? path.normalize(fileURLToPath(uri)) : undefined;
    } catch {
      return undefined;
    }
  };

  const load = (folder: Folder): void => {
    const place = { cwd: folder.root, env: options.env };
    delete folder.problem;
    delete folder.service;
    try {
      const settings = editorSettingsFor(options.flags, place, (text) => connection.console.warn(`k8s-svc-lint: ${safeText(text)}`));
      const workspace = new Workspace({
        root: folder.root,
        walk: walkOptionsFor(options.flags, settings, place),
        ...(folder.loose ? { inputs: [folder.loose] } : {}),
        analysis: { ...settings, severities: severitiesFor(settings, options.ruleSeverities) },
        rules: options.rules,
      });
      for (const notice of workspace.notices) connection.console.info(`k8s-svc-lint: ${safeText(notice)}`);
      for (const document of documents.all()) {
        const file = fileIn(folder, document.uri);
        if (file !== undefined) workspace.open(file, document.getText());
      }
      folder.service = new LanguageService(workspace);
    } catch (error) {
      if (!(error instanceof UsageError)) {
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        connection.console.error(`k8s-svc-lint: internal error reading ${folder.root}: ${reason}`);
        void connection.window.showErrorMessage(`k8s-svc-lint: internal error reading ${safeText(folder.root)}; see the server's log`);
        return;
      }
      // a configuration that cannot be used stops the CLI (exit 2); here it is shown, and linting waits for a fix
      const configFile = /^([^:]+):/.exec(error.message)?.[1];
      folder.problem = { file: path.resolve(folder.root, configFile ?? CONFIG_FILE), message: error.message };
      void connection.window.showErrorMessage(`k8s-svc-lint: ${safeText(error.message)}`);
    }
  };

  /** The folder a file belongs to (the innermost), and its path there. */
  const locate = (uri: string): { folder: Folder; file: string } | undefined => {
    let best: { folder: Folder; file: string } | undefined;
    for (const folder of folders.values()) {
      const file = fileIn(folder, uri);
      if (file !== undefined && (!best || folder.root.length > best.folder.root.length)) best = { folder, file };
    }
    return best;
  };
  const fileIn = (folder: Folder, uri: string): string | undefined => {
    const absolute = absoluteOf(uri);
    if (!absolute) return undefined;
    if (folder.loose) return absolute === path.join(folder.root, folder.loose) ? folder.loose : undefined;
    const relative = path.relative(folder.root, absolute);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : undefined;
  };

  const published = new Set<string>();
  /** Rule failures already logged (each once, not at every edit). */
  const logged = new Set<string>();
  const validate = (): void => {
    pending = undefined;
    for (const folder of folders.values()) {
      try {
        validateFolder(folder);
      } catch (error) {
        // a bug must not take the editor's server down: said in its log, the other folders go on
        connection.console.error(`k8s-svc-lint: internal error in ${folder.root}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  };
  const validateFolder = (folder: Folder): void => {
    if (folder.problem) {
      const diagnostic: LspDiagnostic = {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 1,
        source: 'k8s-svc-lint',
        message: safeText(folder.problem.message),
      };
      published.add(folder.problem.file);
      void connection.sendDiagnostics({ uri: uriOf(folder.problem.file), diagnostics: [diagnostic] });
      return;
    }
    const service = folder.service;
    if (!service) return;
    for (const [file, diagnostics] of service.doValidation()) {
      const absolute = path.resolve(folder.root, file);
      if (diagnostics.length > 0) published.add(absolute);
      else published.delete(absolute);
      void connection.sendDiagnostics({ uri: uriOf(absolute), diagnostics: diagnostics.map((d) => toLspDiagnostic(d, folder.root)) });
    }
    // as the CLI says them on stderr: a rule that threw, on what
    for (const failure of service.ruleFailures()) {
      if (logged.has(failure)) continue;
      logged.add(failure);
      connection.console.error(`k8s-svc-lint: ${safeText(failure)}`);
    }
  };
  const scheduleValidation = () => {
    pending ??= setImmediate(validate);
  };

  const toLocation = (range: FileRange, root: string): Location => ({ uri: uriOf(path.resolve(root, range.file)), range: range.range });
  const toLspDiagnostic = (diagnostic: EditorDiagnostic, root: string): LspDiagnostic => ({
    range: diagnostic.range,
    severity: diagnostic.severity,
    code: diagnostic.code,
    codeDescription: { href: `${HOMEPAGE}/blob/v${VERSION}/rules/${diagnostic.code}.md` },
    source: 'k8s-svc-lint',
    message: diagnostic.message,
    ...(relatedInformation && diagnostic.related.length > 0
      ? { relatedInformation: diagnostic.related.map((r) => ({ location: toLocation(r.location, root), message: r.message })) }
      : {}),
  });

  const addFolder = (root: string) => {
    if (folders.has(root)) return;
    const folder: Folder = { root };
    folders.set(root, folder);
    load(folder);
  };
  const removeFolder = (root: string) => {
    const folder = folders.get(root);
    if (!folder) return;
    folders.delete(root);
    clearFolder(folder);
  };
  /** Takes back what was published for a folder's files. */
  const clearFolder = (folder: Folder) => {
    for (const absolute of [...published]) {
      if (absolute === path.join(folder.root, folder.loose ?? '') || (!folder.loose && absolute.startsWith(folder.root + path.sep))) {
        published.delete(absolute);
        void connection.sendDiagnostics({ uri: uriOf(absolute), diagnostics: [] });
      }
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    relatedInformation = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
    watchedFilesSupported = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFoldersSupported = params.capabilities.workspace?.workspaceFolders === true;
    const roots = foldersOf(params);
    for (const root of roots) folders.set(root, { root });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'k8s-svc-lint', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    for (const folder of folders.values()) load(folder);
    if (watchedFilesSupported) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: `**/{${[...SETTINGS_FILES, 'Kustomization'].join(',')}}` }],
      });
    }
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        for (const removed of event.removed) {
          const root = absoluteOf(removed.uri);
          if (root) removeFolder(root);
        }
        for (const added of event.added) {
          const root = absoluteOf(added.uri);
          if (root) addFolder(root);
        }
        scheduleValidation();
      });
    }
    scheduleValidation();
  });

  documents.onDidOpen(({ document }) => {
    const absolute = absoluteOf(document.uri);
    if (!absolute) return;
    clientUris.set(absolute, document.uri);
    const found = locate(document.uri);
    if (found) {
      found.folder.service?.workspace.open(found.file, document.getText());
    } else if (/\.(ya?ml|json)$/i.test(absolute)) {
      // a file outside every workspace folder is linted on its own, as `k8s-svc-lint FILE` in its folder
      const folder: Folder = { root: path.dirname(absolute), loose: path.basename(absolute) };
      folders.set(absolute, folder);
      load(folder);
    }
    scheduleValidation();
  });
  documents.onDidChangeContent(({ document }) => {
    const found = locate(document.uri);
    if (!found) return;
    found.folder.service?.workspace.change(found.file, document.getText());
    scheduleValidation();
  });
  documents.onDidClose(({ document }) => {
    const absolute = absoluteOf(document.uri);
    const found = locate(document.uri);
    if (absolute && found?.folder.loose) {
      folders.delete(absolute);
      clearFolder(found.folder);
    } else if (found) {
      found.folder.service?.workspace.close(found.file);
    }
    if (absolute) clientUris.delete(absolute);
    scheduleValidation();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const byFolder = new Map<Folder, FileChange[]>();
    const reload = new Set<Folder>();
    for (const change of changes) {
      const absolute = absoluteOf(change.uri);
      if (!absolute) continue;
      for (const folder of folders.values()) {
        // settings files count for the folders below them too (a .gitignore at the repository's top)
        if (SETTINGS_FILES.has(path.basename(absolute))) {
          if (folder.root === path.dirname(absolute) || folder.root.startsWith(path.dirname(absolute) + path.sep) || absolute.startsWith(folder.root + path.sep)) reload.add(folder);
          continue;
        }
        if (fileIn(folder, change.uri) === undefined) continue;
        const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
        const list = byFolder.get(folder) ?? [];
        list.push({ absolute, kind });
        byFolder.set(folder, list);
      }
    }
    for (const folder of reload) {
      clearFolder(folder);
      load(folder);
    }
    for (const [folder, list] of byFolder) if (!reload.has(folder)) folder.service?.workspace.filesChanged(list);
    scheduleValidation();
  });

  connection.onHover(({ textDocument, position }) => {
    const found = locate(textDocument.uri);
    const hover = found?.folder.service?.doHover(found.file, position);
    return hover ? { contents: { kind: 'markdown', value: hover.contents }, range: hover.range } : null;
  });
  connection.onDefinition(({ textDocument, position }) => {
    const found = locate(textDocument.uri);
    if (!found?.folder.service) return [];
    return found.folder.service.findDefinition(found.file, position).map((r) => toLocation(r, found.folder.root));
  });
  connection.onReferences(({ textDocument, position, context }) => {
    const found = locate(textDocument.uri);
    if (!found?.folder.service) return [];
    return found.folder.service.findReferences(found.file, position, context.includeDeclaration).map((r) => toLocation(r, found.folder.root));
  });
  connection.onCodeAction(({ textDocument, range }) => {
    const found = locate(textDocument.uri);
    if (!found?.folder.service) return [];
    const root = found.folder.root;
    return found.folder.service.getCodeActions(found.file, range).map(
      (action): CodeAction => ({
        title: action.title,
        kind: action.kind,
        ...(action.isPreferred ? { isPreferred: true } : {}),
        diagnostics: action.diagnostics.map((d) => toLspDiagnostic(d, root)),
        edit: {
          changes: Object.fromEntries(
            groupEdits(action.edits).map(([file, edits]) => [uriOf(path.resolve(root, file)), edits.map((e) => ({ range: e.range, newText: e.newText }))]),
          ),
        },
      }),
    );
  });

  documents.listen(connection);
  connection.listen();
}

/** The workspace folders of `initialize`: its folders, else its root; none: files are linted one by one as they are opened. */
function foldersOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f: WorkspaceFolder) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = uris.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [path.normalize(fileURLToPath(uri))] : [];
    } catch {
      return [];
    }
  });
  if (roots.length === 0 && !params.workspaceFolders && params.rootPath) roots.push(path.resolve(params.rootPath));
  return roots;
}

function groupEdits<T extends { file: string }>(edits: readonly T[]): [string, T[]][] {
  const byFile = new Map<string, T[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  return [...byFile];
}
