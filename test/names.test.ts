/** Label values and port names: the quick paths answer as the full checks (k8s-semantics.md §0.2). */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { isValidPortName, labelValueProblems, portNameProblems } from '../src/model/names.js';

/** The API server's rule, written plainly: at most 63 bytes, empty or alphanumeric at both ends with [-_.] between. */
function isValidLabelValue(value: string): boolean {
  return Buffer.byteLength(value, 'utf8') <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value);
}

test('a label value has problems exactly when the API server rejects it', () => {
  const value = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', '/', ' ', 'é'), maxLength: 70 }),
    fc.string({ unit: fc.constantFrom('a', '9', '-'), minLength: 60, maxLength: 66 }),
  );
  fc.assert(
    fc.property(value, (text) => {
      expect(labelValueProblems(text).length === 0).toBe(isValidLabelValue(text));
    }),
    { seed: 20261122, numRuns: 3000 },
  );
  expect(labelValueProblems('')).toEqual([]);
  expect(labelValueProblems('-web')).toHaveLength(1);
  expect(labelValueProblems('x'.repeat(64))).toHaveLength(1);
  expect(labelValueProblems('é'.repeat(32))).toEqual(['must be no more than 63 bytes', expect.stringContaining('a valid label must be')]);
});

test('port names: the same answer the first time and from the cache', () => {
  for (const name of ['http', 'metrics', 'HTTP', 'a--b', '-web', '8080', 'a-very-long-port-name']) {
    const first = portNameProblems(name);
    expect(portNameProblems(name)).toEqual(first);
    expect(isValidPortName(name)).toBe(first.length === 0);
  }
  expect(portNameProblems('http')).toEqual([]);
  expect(portNameProblems('HTTP')).toEqual([
    'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'must contain at least one letter (a-z)',
  ]);
});
