/** Reading one file (or stdin) into a SourceFile; every failure becomes a problem on it, never an exception. */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { parseText, type SourceFormat } from './parse.js';
import { SourceFile } from './source.js';
import { maskTemplateMarkers } from './templates.js';
import type { FileEntry } from './walk.js';

/** Larger files are reported, not read (a `kubectl get -A -o yaml` dump of a big cluster fits). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** `precise`: the complete YAML parser only (see parse.ts). */
export function readSourceFile(entry: FileEntry, precise = false): SourceFile {
  if (entry.problem) return SourceFile.unreadable(entry.display, { message: entry.problem });
  let bytes: Buffer;
  try {
    bytes = readRegularFile(entry.absolute);
  } catch (error) {
    const message = error instanceof NotRegular ? error.message : `cannot read file: ${describeIoError(error)}`;
    return SourceFile.unreadable(entry.display, { message });
  }
  return sourceFromBytes(entry.display, bytes, formatOf(entry.display), precise);
}

/** A file kept as text only, never parsed (a Helm template, which is YAML only once rendered). */
export function readTextOnly(entry: FileEntry): SourceFile {
  let text: string | undefined;
  try {
    text = decode(readRegularFile(entry.absolute));
  } catch (error) {
    const message = error instanceof NotRegular ? error.message : `cannot read file: ${describeIoError(error)}`;
    return SourceFile.unreadable(entry.display, { message });
  }
  if (text === undefined) return SourceFile.skip(entry.display, 'not text (binary or encrypted): skipped');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return new SourceFile(entry.display, text.replace(/\r\n/g, '\n'), 'yaml', { documents: [], errors: [], warnings: [] });
}

class NotRegular extends Error {}

/**
 * The bytes of a regular file, valid until the next call (they are decoded into text at once).
 * One open, one fstat, one read, one close (a separate stat would cost a system call per file):
 * opened non-blocking, so a FIFO or device named like a manifest is refused instead of
 * blocking for ever.
 */
function readRegularFile(file: string): Buffer {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotRegular('not a regular file (a FIFO, socket or device): not read');
    if (stats.size > MAX_FILE_BYTES) throw new NotRegular(`file is ${formatMiB(stats.size)}, over the ${formatMiB(MAX_FILE_BYTES)} limit: not read`);
    return readAll(fd, stats.size);
  } finally {
    closeSync(fd);
  }
}

/** Files up to this size are read into one buffer kept for the next file, not a new one each. */
const REUSED_BUFFER_BYTES = 1024 * 1024;
const reusedBuffer = Buffer.allocUnsafe(REUSED_BUFFER_BYTES);

/** Reads `size` bytes (the size fstat gave), or to the end when that said 0 (files of /proc). */
function readAll(fd: number, size: number): Buffer {
  let buffer = size > 0 && size <= REUSED_BUFFER_BYTES ? reusedBuffer.subarray(0, size) : Buffer.allocUnsafe(size > 0 ? size : 64 * 1024);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (size > 0) break;
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
    if (length > MAX_FILE_BYTES) throw new NotRegular(`file is over the ${formatMiB(MAX_FILE_BYTES)} limit: not read`);
  }
  return buffer.subarray(0, length);
}

/** UTF-8, or UTF-16 with a byte order mark (PowerShell's `>` writes UTF-16LE); undefined for anything else. */
function decode(bytes: Buffer): string | undefined {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    // NUL is valid UTF-8 but never in a text file (byte searches: faster than on the text)
    if (bytes.includes(0) || !isUtf8(bytes)) return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/** stdin: JSON when named `.json` or when it starts with `{`/`[` and parses as JSON; the same size limit as a file. */
export function readStdin(display: string, bytes: Buffer, precise = false): SourceFile {
  if (bytes.length > MAX_FILE_BYTES) return SourceFile.unreadable(display, { message: `input on stdin is over the ${formatMiB(MAX_FILE_BYTES)} limit: not read` });
  return sourceFromBytes(display, bytes, formatOf(display), precise, true);
}

function formatOf(name: string): SourceFormat {
  return name.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function sourceFromBytes(display: string, bytes: Buffer, format: SourceFormat, precise: boolean, sniffJson = false): SourceFile {
  const text = decode(bytes);
  if (text === undefined) {
    // binary files and encrypted ones (git-crypt) are not manifests: a notice, not a finding
    return SourceFile.skip(display, 'not text (binary or encrypted): skipped');
  }
  return sourceFromText(display, text, format, precise, sniffJson);
}

/** A file whose text is at hand (an editor's unsaved buffer), read as a file of that name would be. */
export function readSourceText(display: string, text: string, precise = false): SourceFile {
  return sourceFromText(display, text, formatOf(display), precise);
}

function sourceFromText(display: string, text: string, format: SourceFormat, precise: boolean, sniffJson = false): SourceFile {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
  if (sniffJson && format === 'yaml' && /^\s*[[{]/.test(text)) {
    const asJson = parseText(text, 'json', false);
    if (asJson.errors.length === 0) return new SourceFile(display, text, 'json', asJson);
  }
  const parsed = parseText(text, format, false, precise);
  // Text that does not parse and never mentions kind or apiVersion is not a manifest at all
  // (a JSONC tsconfig.json, a broken Ansible file): it is left alone.
  if (parsed.errors.length > 0 && !mentionsKindOrApiVersion(text)) {
    return new SourceFile(display, text, format, { documents: [], errors: [], warnings: [] }, { precise });
  }
  // YAML that breaks only at `{{ … }}` markers is a template (Go, Helm, Jinja), not a broken
  // manifest: what is applied is its rendered output
  if (parsed.errors.length > 0 && format === 'yaml' && isTemplate(text, precise)) {
    return SourceFile.skip(display, 'a template ({{ … }} markers that only parse once rendered): skipped; lint its rendered output instead');
  }
  // `kubectl apply -f` on a file without objects fails ("no objects passed to apply")
  const empty = parsed.errors.length === 0 && parsed.documents.every((d) => d.value === null);
  return new SourceFile(display, text, format, parsed, { precise, ...(empty ? { notice: 'no documents (empty, or only comments and markers)' } : {}) });
}

function isTemplate(text: string, precise: boolean): boolean {
  const masked = maskTemplateMarkers(text);
  // (a key in both branches of `{{ if }}…{{ else }}…{{ end }}` is written twice once masked)
  return masked !== undefined && parseText(masked, 'yaml', false, precise).errors.every((e) => e.duplicateKey);
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
