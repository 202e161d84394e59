/**
 * Text → documents: the fast YAML path where it applies, the complete one otherwise, JSON as
 * JSON. `precise` skips the fast path: the fast paths (this one, the positions locator and the
 * quick schema check) must change nothing that is reported, and `K8S_SVC_LINT_PRECISE=1`
 * turns them all off to show it.
 */
import type { ParseResult } from './document.js';
import { parseJson } from './json.js';
import { parseYamlFast } from './yaml-fast.js';
import { parseYamlPrecise } from './yaml-precise.js';

export type SourceFormat = 'yaml' | 'json';

export function parseText(text: string, format: SourceFormat, withPositions: boolean, precise = false): ParseResult {
  if (format === 'json') return parseJson(text, withPositions);
  const documents = precise ? undefined : parseYamlFast(text, withPositions);
  if (documents) return { documents, errors: [], warnings: [], byFastParser: true };
  return parseYamlPrecise(text, withPositions);
}
