/** "Did you mean": the bounded edit distance agrees with plain Levenshtein, and what counts as close. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { closest, DistancesFrom, editDistance, Vocabulary } from '../src/util/closest.js';

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

describe('editDistance', () => {
  test('is Levenshtein, capped at max + 1', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '1'), maxLength: 12 });
    fc.assert(
      fc.property(name, name, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        expect(editDistance(a, b, max)).toBe(Math.min(levenshtein(a, b), max + 1));
      }),
      { seed: 20261121, numRuns: 2000 },
    );
  });

  test('DistancesFrom, the bit-parallel one, is Levenshtein too, capped at max + 1', () => {
    const name = (maxLength: number) => fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '1', 'é', '😀'), maxLength });
    fc.assert(
      fc.property(fc.oneof(name(12), name(40)), name(40), fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        expect(new DistancesFrom(a).to(b, max)).toBe(Math.min(levenshtein(a, b), max + 1));
      }),
      { seed: 20261122, numRuns: 3000 },
    );
    expect(new DistancesFrom('a'.repeat(32)).to('a'.repeat(31) + 'b', 3)).toBe(1);
    expect(new DistancesFrom('app-1234-searhc').to('app-1234-search', 3)).toBe(2);
  });

  test('names with long common ends', () => {
    expect(editDistance('app-9356-pay', 'app-9355-pay', 3)).toBe(1);
    expect(editDistance('app-9356-pay', 'app-9355-search', 3)).toBe(4);
    expect(editDistance('frontend', 'frontend', 2)).toBe(0);
  });
});

describe('closest', () => {
  test('the nearest candidate within the allowed distance; never the name itself', () => {
    expect(closest('metric', ['http', 'metrics'])).toBe('metrics');
    expect(closest('http', ['http'])).toBeUndefined();
    expect(closest('payments', ['catalog', 'search'])).toBeUndefined();
  });

  test('a case-only difference is close', () => {
    expect(closest('MyApp', ['myapp', 'other'])).toBe('myapp');
  });

  test('a -suffix counts, after real near-misses', () => {
    expect(closest('redis-master', ['postgres', 'redis'])).toBe('redis');
    expect(closest('redis', ['redis-master', 'rediss'])).toBe('rediss');
    expect(closest('db', ['db-primary'])).toBeUndefined(); // too short a stem to mean anything
  });
});

/**
 * What `closest` promises, written plainly: the candidate of lowest rank among the first
 * `limit`, ties to the first; rank is the edit distance when within the allowed one, 0.5 for a
 * case-only difference, allowed + 0.5 for a shared `-suffix` stem.
 */
function plainClosest(target: string, candidates: readonly string[], limit: number): string | undefined {
  const max = target.length <= 3 ? 1 : target.length <= 8 ? 2 : 3;
  const rankOf = (candidate: string): number => {
    if (candidate === target) return Infinity;
    if (candidate.length === target.length && candidate.toLowerCase() === target.toLowerCase()) return 0.5;
    const distance = levenshtein(target, candidate);
    if (distance <= max) return distance;
    const [short, long] = candidate.length < target.length ? [candidate, target] : [target, candidate];
    return short.length >= 3 && long.startsWith(`${short}-`) ? max + 0.5 : Infinity;
  };
  let best: string | undefined;
  let bestRank = max + 1;
  for (const candidate of candidates.slice(0, limit)) {
    const rank = rankOf(candidate);
    if (rank < bestRank) [best, bestRank] = [candidate, rank];
  }
  return best;
}

describe('closest and Vocabulary', () => {
  test('give what the plain definition gives', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'B', 'c', 'd', '-', '1', '9', 'é', 'É'), minLength: 0, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), name, fc.integer({ min: 1, max: 50 }), (names, target, limit) => {
        const expected = plainClosest(target, names, limit);
        expect(closest(target, names, limit)).toBe(expected);
        expect(new Vocabulary(names, limit).closest(target)).toBe(expected);
      }),
      { seed: 20261122, numRuns: 3000 },
    );
  });

  test('near-misses, case-only differences and stems among many unrelated names', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `app-${i}-search`);
    const vocabulary = new Vocabulary([...names, 'Checkout', 'redis']);
    expect(vocabulary.closest('app-17-serch')).toBe('app-17-search');
    expect(vocabulary.closest('checkout')).toBe('Checkout');
    expect(vocabulary.closest('redis-master')).toBe('redis');
    expect(vocabulary.closest('zzzzzzz')).toBeUndefined();
  });
});
