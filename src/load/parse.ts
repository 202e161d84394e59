/** Text → documents: the fast YAML path where it applies, the complete one otherwise, JSON as JSON. */
import type { ParseResult } from './document.js';
import { parseJson } from './json.js';
import { parseYamlFast } from './yaml-fast.js';
import { parseYamlPrecise } from './yaml-precise.js';

export type SourceFormat = 'yaml' | 'json';

export function parseText(text: string, format: SourceFormat, withPositions: boolean): ParseResult {
  if (format === 'json') return parseJson(text, withPositions);
  const documents = parseYamlFast(text, withPositions);
  if (documents) return { documents, errors: [], warnings: [], byFastParser: true };
  return parseYamlPrecise(text, withPositions);
}
