/**
 * Mapping a finding on an object of `kustomize build` output back to the author's files. Each
 * rendered object carries `config.kubernetes.io/origin` (asked for with `buildMetadata:
 * [originAnnotations]`): the file it was read from, or the kustomization whose generator made
 * it. A value is placed, in this order:
 *
 * 1. at the same field in the origin file, when it holds the rendered value;
 * 2. at a patch of the build that sets that value (the last one applied first);
 * 3. at the same field in the origin file, when it is there (a transformer changed it: labels
 *    with `includeSelectors`, a namespace);
 * 4. at the object's `kind` in the origin file (a field no file of the build writes);
 * 5. for a generated object, at its generator's entry in the kustomization.
 *
 * List items are matched by what identifies them (a container's `name`, a port's
 * `containerPort`), as strategic merge patches match them, not by their index.
 */
import type { KustomizeBuild, KustomizePatch } from '../kustomize.js';
import { parseText } from '../parse.js';
import { spanAt, type NodePos, type Path, type PathSegment, type Span } from '../positions.js';
import type { AuthorPlace, Environment, Rendering } from '../rendering.js';
import type { SourceFile } from '../source.js';
import type { AuthorFiles } from './author-files.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** What the build says of one rendered document. */
export interface RenderedDocument {
  /** The rendered object (without the origin annotation). */
  readonly value: unknown;
  /** The file it was read from (absolute). */
  readonly origin?: string;
  /** A generated object (`configMapGenerator`…): the kustomization holding the generator (absolute) and its kind. */
  readonly generator?: { readonly file: string; readonly kind: string };
}

type Plain = Record<string, unknown>;

function isMap(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Removes the origin annotation (and `annotations` when nothing else is left) from each
 * rendered document, and reads what it said. Paths in it are relative to `base`, the folder of
 * the kustomization that was built.
 */
export function takeOrigins(values: readonly unknown[], resolve: (relative: string) => string): RenderedDocument[] {
  return values.map((value) => {
    const metadata = isMap(value) ? value['metadata'] : undefined;
    const annotations = isMap(metadata) ? metadata['annotations'] : undefined;
    const text = isMap(annotations) ? annotations[ORIGIN_ANNOTATION] : undefined;
    if (!isMap(metadata) || !isMap(annotations) || typeof text !== 'string') return { value };
    delete annotations[ORIGIN_ANNOTATION];
    if (Object.keys(annotations).length === 0) delete metadata['annotations'];
    const origin = parseText(text, 'yaml', false).documents[0]?.value;
    if (!isMap(origin)) return { value };
    if (typeof origin['path'] === 'string' && origin['repo'] === undefined) return { value, origin: resolve(origin['path']) };
    const by = origin['configuredBy'];
    if (typeof origin['configuredIn'] === 'string' && isMap(by) && typeof by['kind'] === 'string') {
      return { value, generator: { file: resolve(origin['configuredIn']), kind: by['kind'] } };
    }
    return { value };
  });
}

/** A document of an author's file, with its plain value. */
interface AuthorDocument {
  readonly file: SourceFile;
  readonly docIndex: number;
  readonly value: unknown;
  /** An inline patch: where its text starts in the kustomization file. */
  readonly inline?: InlineText;
}

export class KustomizeRendering implements Rendering {
  readonly environment: Environment;
  private readonly originDocs = new Map<number, AuthorDocument | null>();
  private names?: Map<string, string>;

  constructor(
    private readonly build: KustomizeBuild,
    private readonly documents: readonly RenderedDocument[],
    private readonly files: AuthorFiles,
  ) {
    this.environment = { name: build.shown, tool: 'kustomize' };
  }

  /** The author's name of a rendered object's name, when a transformer changed it (`prod-web` → `web`). */
  authorNames(): ReadonlyMap<string, string> {
    if (this.names) return this.names;
    const names = (this.names = new Map<string, string>());
    this.documents.forEach((doc, i) => {
      const rendered = nameOf(doc.value);
      const written = nameOf(this.originOf(i)?.value);
      if (rendered && written && rendered !== written) names.set(rendered, written);
    });
    return names;
  }

  sourceOf(docIndex: number): string | undefined {
    const origin = this.originOf(docIndex);
    return origin ? `${origin.file.path}#${kindOf(origin.value)}/${nameOf(origin.value)}#${origin.docIndex}` : undefined;
  }

  place(_output: SourceFile, docIndex: number, path: Path, target: 'key' | 'value'): AuthorPlace | undefined {
    const doc = this.documents[docIndex];
    if (!doc) return undefined;
    // a field that is not there (a finding about a missing field): its deepest parent
    const existing = existingPrefix(doc.value, path);
    const as = existing.length < path.length ? 'key' : target;
    const value = valueAt(doc.value, existing);
    const origin = this.originOf(docIndex);
    if (existing.length === 0) return origin ? this.at(origin, [], 'value') : this.fallback(doc);
    const inOrigin = origin ? translate(doc.value, origin.value, existing) : undefined;
    if (origin && inOrigin && equal(inOrigin.value, value)) return this.at(origin, inOrigin.path, as);

    const patches = this.patchesOf(doc.value);
    const inPatches = patches.map((patch) => ({ patch, found: Array.isArray(patch.value) ? undefined : translate(doc.value, patch.value, existing) }));
    for (let i = inPatches.length - 1; i >= 0; i--) {
      const { patch, found } = inPatches[i]!;
      if (found && equal(found.value, value)) return this.at(patch, found.path, as);
      if (Array.isArray(patch.value)) {
        const op = operationFor(patch.value, doc.value, existing);
        if (op) return this.at(patch, op, as);
      }
    }
    // a patch set it, and a transformer changed it afterwards
    for (let i = inPatches.length - 1; i >= 0; i--) {
      const { patch, found } = inPatches[i]!;
      if (found && !isMap(found.value) && !Array.isArray(found.value)) return this.at(patch, found.path, as);
    }
    if (origin && inOrigin) return this.at(origin, inOrigin.path, as);
    for (let i = inPatches.length - 1; i >= 0; i--) {
      const { patch, found } = inPatches[i]!;
      if (found) return this.at(patch, found.path, as);
    }
    if (origin) return this.at(origin, ['kind'], 'key');
    return this.fallback(doc);
  }

  /** A generated object: its generator's entry; anything else: the root's kustomization. */
  private fallback(doc: RenderedDocument): AuthorPlace | undefined {
    if (doc.generator) {
      const file = this.files.get(doc.generator.file);
      if (file) {
        const field = doc.generator.kind.charAt(0).toLowerCase() + doc.generator.kind.slice(1);
        const entries = this.files.documents(file)[0];
        const list = isMap(entries) ? entries[field] : undefined;
        const rendered = nameOf(doc.value) ?? '';
        const index = Array.isArray(list) ? list.findIndex((e) => isMap(e) && typeof e['name'] === 'string' && rendered.includes(e['name'])) : -1;
        return this.at({ file, docIndex: 0, value: entries }, index >= 0 ? [field, index, 'name'] : [field], index >= 0 ? 'value' : 'key');
      }
    }
    const root = this.files.get(this.build.file);
    return root ? { file: root, span: { start: 0, end: 0 } } : undefined;
  }

  private at(doc: AuthorDocument, path: Path, target: 'key' | 'value'): AuthorPlace | undefined {
    if (doc.inline) {
      const span = doc.inline.locate(path, target);
      return span ? { file: doc.file, span } : undefined;
    }
    const span = doc.file.locate(doc.docIndex, path, target);
    return span ? { file: doc.file, span } : undefined;
  }

  /** The document of the origin file the rendered object came from (by kind, then name). */
  private originOf(docIndex: number): AuthorDocument | undefined {
    const known = this.originDocs.get(docIndex);
    if (known !== undefined) return known ?? undefined;
    const doc = this.documents[docIndex];
    const file = doc?.origin ? this.files.get(doc.origin) : undefined;
    let found: AuthorDocument | undefined;
    if (doc && file) {
      const values = this.files.documents(file);
      const index = bestMatch(values, kindOf(doc.value), nameOf(doc.value) ?? '');
      if (index >= 0) found = { file, docIndex: index, value: values[index] };
    }
    this.originDocs.set(docIndex, found ?? null);
    return found;
  }

  /** The patch documents of the build that apply to a rendered object, in the order applied. */
  private patchesOf(object: unknown): AuthorDocument[] {
    const kind = kindOf(object);
    const name = nameOf(object) ?? '';
    const found: AuthorDocument[] = [];
    for (const patch of this.build.patches) {
      if (patch.target && !targets(patch.target, kind, name)) continue;
      for (const doc of this.patchDocuments(patch)) {
        // a patch without a target patches the object of its own kind and name
        if (!patch.target && !Array.isArray(doc.value) && bestMatch([doc.value], kind, name) < 0) continue;
        // JSON 6902 operations need a target
        if (Array.isArray(doc.value) && !patch.target) continue;
        found.push(doc);
      }
    }
    return found;
  }

  private patchDocuments(patch: KustomizePatch): AuthorDocument[] {
    if (patch.file) {
      const file = this.files.get(patch.file);
      return file ? this.files.documents(file).map((value, docIndex) => ({ file, docIndex, value })) : [];
    }
    if (!patch.inline) return [];
    const file = this.files.get(patch.inline.kustomization);
    if (!file) return [];
    const parsed = parseText(patch.inline.text, 'yaml', true).documents;
    const block = file.locate(0, patch.inline.path, 'key');
    return parsed.map((doc, docIndex) => ({
      file,
      docIndex: 0,
      value: doc.value,
      inline: new InlineText(file, block, patch.inline!.text, doc.positions),
    }));
  }
}

/** A patch written as a block scalar in a kustomization: positions inside its text, mapped to the file's. */
class InlineText {
  constructor(
    private readonly file: SourceFile,
    /** The key the block scalar is the value of. */
    private readonly key: Span | undefined,
    private readonly text: string,
    private readonly positions: NodePos | undefined,
  ) {}

  locate(path: Path, target: 'key' | 'value'): Span | undefined {
    const inner = spanAt(this.positions, path, target);
    if (!inner || !this.key) return this.key;
    // the block's content starts on the line after its key, indented
    const fileText = this.file.text;
    const firstLine = fileText.indexOf('\n', this.key.start) + 1;
    if (firstLine === 0) return this.key;
    const indent = /^ */.exec(fileText.slice(firstLine))![0].length;
    const toFile = (offset: number) => {
      const before = this.text.slice(0, offset);
      const line = before.split('\n').length - 1;
      const column = offset - (before.lastIndexOf('\n') + 1);
      let start = firstLine;
      for (let i = 0; i < line; i++) start = fileText.indexOf('\n', start) + 1;
      return start + indent + column;
    };
    return { start: toFile(inner.start), end: toFile(inner.end) };
  }
}

function kindOf(value: unknown): string | undefined {
  return isMap(value) && typeof value['kind'] === 'string' ? value['kind'] : undefined;
}

function nameOf(value: unknown): string | undefined {
  const metadata = isMap(value) ? value['metadata'] : undefined;
  return isMap(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : undefined;
}

/**
 * The document of `values` that became the rendered object: same kind, and the same name or
 * one a prefix or suffix made the rendered name of (the longest such); -1 when none is.
 */
function bestMatch(values: readonly unknown[], kind: string | undefined, rendered: string): number {
  let best = -1;
  let bestLength = -1;
  values.forEach((value, i) => {
    if (kindOf(value) !== kind) return;
    const name = nameOf(value);
    const length = name === undefined ? 0 : name === rendered ? Infinity : rendered.includes(name) ? name.length : -1;
    if (length > bestLength) {
      best = i;
      bestLength = length;
    }
  });
  return best;
}

/** Whether a patch `target` names the object (a name as a regular expression, as kustomize reads it). */
function targets(target: { readonly kind?: string; readonly name?: string }, kind: string | undefined, name: string): boolean {
  if (target.kind !== undefined && target.kind !== kind) return false;
  if (target.name === undefined || name.includes(target.name)) return true;
  try {
    return new RegExp(target.name).test(name);
  } catch {
    return false;
  }
}

/** The longest beginning of `path` that exists in `value`. */
function existingPrefix(value: unknown, path: Path): Path {
  let current = value;
  for (let i = 0; i < path.length; i++) {
    const next = step(current, path[i]!);
    if (next === undefined) return path.slice(0, i);
    current = next;
  }
  return path;
}

function step(value: unknown, segment: PathSegment): unknown {
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return isMap(value) && Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined;
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) current = step(current, segment);
  return current;
}

/** What identifies an item of a list, by the list's field (the keys strategic merge patches merge on). */
const IDENTITY: Readonly<Record<string, readonly string[]>> = {
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
};
const DEFAULT_IDENTITY = ['name', 'containerPort', 'port', 'mountPath', 'key', 'ip', 'type'];
/** Container ports merge on containerPort, Service ports on port. */
function identityKeys(field: PathSegment | undefined, item: Plain): readonly string[] {
  if (typeof field === 'string' && IDENTITY[field]) return IDENTITY[field];
  if (field === 'ports') return 'containerPort' in item ? ['containerPort', 'name'] : ['port', 'name'];
  return DEFAULT_IDENTITY;
}

/** The index in `list` of the item that is `item` (of a rendered list at `index`), or -1. */
function matchItem(item: unknown, list: readonly unknown[], index: number, renderedLength: number, field: PathSegment | undefined): number {
  if (isMap(item)) {
    const keys = identityKeys(field, item).filter((key) => item[key] !== undefined && !isMap(item[key]) && !Array.isArray(item[key]));
    for (const key of keys) {
      const found = list.findIndex((other) => isMap(other) && other[key] === item[key]);
      if (found >= 0) return found;
    }
    if (keys.length > 0) return -1;
  } else {
    const found = list.indexOf(item);
    if (found >= 0) return found;
  }
  return list.length === renderedLength ? index : -1;
}

/** The path in `other` (an origin document or a patch) of the value at `path` in the rendered object. */
function translate(rendered: unknown, other: unknown, path: Path): { path: Path; value: unknown } | undefined {
  let r = rendered;
  let o = other;
  const out: PathSegment[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (typeof segment === 'number') {
      if (!Array.isArray(r) || !Array.isArray(o)) return undefined;
      const j = matchItem(r[segment], o, segment, r.length, path[i - 1]);
      if (j < 0) return undefined;
      out.push(j);
      r = r[segment];
      o = o[j];
    } else {
      const next = step(o, segment);
      if (next === undefined) return undefined;
      out.push(segment);
      r = step(r, segment);
      o = next;
    }
  }
  return { path: out, value: o };
}

/**
 * The path, in a JSON 6902 patch (a list of operations), of the `value` an `add` or `replace`
 * writes at `path` or above it (`/spec/ports/-` appends: the rendered list's last item).
 */
function operationFor(operations: readonly unknown[], rendered: unknown, path: Path): Path | undefined {
  for (let i = operations.length - 1; i >= 0; i--) {
    const op = operations[i];
    if (!isMap(op) || (op['op'] !== 'add' && op['op'] !== 'replace') || typeof op['path'] !== 'string' || !('value' in op)) continue;
    const pointer = op['path'].split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (pointer.length > path.length) continue;
    let current = rendered;
    let matches = true;
    for (let s = 0; s < pointer.length && matches; s++) {
      const want = pointer[s]!;
      const segment = path[s]!;
      if (typeof segment === 'number') {
        const length = Array.isArray(current) ? current.length : -1;
        matches = want === '-' ? segment === length - 1 : want === String(segment);
      } else matches = want === segment;
      current = step(current, segment);
    }
    if (matches) return [i, 'value', ...path.slice(pointer.length)];
  }
  return undefined;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && equal(a[key], b[key]));
  }
  return false;
}
