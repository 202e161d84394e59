/** Reading one file (or stdin) into a SourceFile; every failure becomes a problem on it, never an exception. */
import { readFileSync, statSync } from 'node:fs';
import { parseText, type SourceFormat } from './parse.js';
import { SourceFile } from './source.js';
import type { FileEntry } from './walk.js';

/** Larger files are reported, not read (a `kubectl get -A -o yaml` dump of a big cluster fits). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readSourceFile(entry: FileEntry): SourceFile {
  if (entry.problem) return SourceFile.unreadable(entry.display, { message: entry.problem });
  let bytes: Buffer;
  try {
    const stats = statSync(entry.absolute);
    // reading a FIFO or a device could block for ever
    if (!stats.isFile()) return SourceFile.unreadable(entry.display, { message: 'not a regular file (a FIFO, socket or device): not read' });
    if (stats.size > MAX_FILE_BYTES) {
      return SourceFile.unreadable(entry.display, { message: `file is ${formatMiB(stats.size)}, over the ${formatMiB(MAX_FILE_BYTES)} limit: not read` });
    }
    bytes = readFileSync(entry.absolute);
  } catch (error) {
    return SourceFile.unreadable(entry.display, { message: `cannot read file: ${describeIoError(error)}` });
  }
  return sourceFromBytes(entry.display, bytes, formatOf(entry.display));
}

/** UTF-8, or UTF-16 with a byte order mark (PowerShell's `>` writes UTF-16LE); undefined for anything else. */
function decode(bytes: Buffer): string | undefined {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    const text = utf8.decode(bytes);
    // NUL is valid UTF-8 but never in a text file
    return text.includes('\0') ? undefined : text;
  } catch {
    return undefined;
  }
}

/** stdin: JSON when named `.json` or when it starts with `{`/`[` and parses as JSON. */
export function readStdin(display: string, bytes: Buffer): SourceFile {
  return sourceFromBytes(display, bytes, formatOf(display), true);
}

function formatOf(name: string): SourceFormat {
  return name.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function sourceFromBytes(display: string, bytes: Buffer, format: SourceFormat, sniffJson = false): SourceFile {
  let text = decode(bytes);
  if (text === undefined) {
    // binary files and encrypted ones (git-crypt) are not manifests: a notice, not a finding
    return SourceFile.skip(display, 'not text (binary or encrypted): skipped');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
  if (sniffJson && format === 'yaml' && /^\s*[[{]/.test(text)) {
    const asJson = parseText(text, 'json', false);
    if (asJson.errors.length === 0) return new SourceFile(display, text, 'json', asJson);
  }
  const parsed = parseText(text, format, false);
  // Text that does not parse and never mentions kind or apiVersion is not a manifest at all
  // (a JSONC tsconfig.json, a broken Ansible file): it is left alone.
  if (parsed.errors.length > 0 && !mentionsKindOrApiVersion(text)) {
    return new SourceFile(display, text, format, { documents: [], errors: [], warnings: [] });
  }
  // `kubectl apply -f` on a file without objects fails ("no objects passed to apply")
  const empty = parsed.errors.length === 0 && parsed.documents.every((d) => d.value === null);
  return new SourceFile(display, text, format, parsed, undefined, empty ? 'no documents (empty, or only comments and markers)' : undefined);
}

function mentionsKindOrApiVersion(text: string): boolean {
  return /(^|[\s{,"'])(kind|apiVersion)["']?\s*:/.test(text);
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
}

function describeIoError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOENT':
      return 'no such file (a dangling symbolic link?)';
    default:
      return code ?? String(error);
  }
}
