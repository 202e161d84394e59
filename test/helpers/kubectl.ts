/**
 * kubectl as an oracle for YAML decoding: `kubectl label --local -f DIR x=y -o json` decodes
 * each file exactly as the client does before sending it (sigs.k8s.io/yaml over go-yaml v2),
 * with no cluster, and prints the objects, or an error per file it cannot decode.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Decoded = { readonly value: unknown } | { readonly error: string };

/** Whether kubectl can run here; the message says what to do when not. */
export function kubectlAvailable(): { ok: true } | { ok: false; message: string } {
  const run = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (run.status === 0) return { ok: true };
  return { ok: false, message: 'kubectl is not installed (or does not run): this test compares with its YAML decoding. Install kubectl (the CI image has it).' };
}

/**
 * Decodes documents (one object each, named uniquely by `metadata.name`) with kubectl, in one
 * run over a folder of them: name → the object as kubectl decodes it (the label it adds
 * removed; null when it finds none), or the error it gives for that file.
 */
export function decodeWithKubectl(documents: readonly { name: string; text: string }[]): Map<string, Decoded> {
  const folder = mkdtempSync(path.join(tmpdir(), 'k8s-svc-lint-kubectl-'));
  try {
    for (const { name, text } of documents) writeFileSync(path.join(folder, `${name}.yaml`), text);
    const run = spawnSync('kubectl', ['label', '--local', '-f', folder, 'x=y', '-o', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.error) throw run.error;
    const decoded = new Map<string, Decoded>();
    // objects are printed one after the other, indented: only their own braces are at column 0
    for (const chunk of run.stdout.split(/^\}$/m)) {
      if (chunk.trim() === '') continue;
      const object = JSON.parse(`${chunk}}`) as { metadata: { name: string; labels?: Record<string, string> } };
      const labels = object.metadata.labels;
      if (labels) {
        delete labels['x'];
        if (Object.keys(labels).length === 0) delete object.metadata.labels;
      }
      decoded.set(object.metadata.name, { value: object });
    }
    for (const match of run.stderr.matchAll(/error parsing (.+?)\.yaml: (.*)$/gm)) {
      decoded.set(path.basename(match[1]!), { error: match[2]!.trim() });
    }
    // a file kubectl printed nothing for and found no error in holds no object to it
    for (const { name } of documents) if (!decoded.has(name)) decoded.set(name, { value: null });
    return decoded;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
