/** "Did you mean" support: edit distance with an early exit, and the closest candidate. */

/** Levenshtein distance, or `max + 1` as soon as it is certain to exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** How different two names may be and still be worth suggesting. */
export function suggestionDistance(name: string): number {
  return name.length <= 3 ? 1 : name.length <= 8 ? 2 : 3;
}

/**
 * The candidate closest to `target` (ties: the first), if close enough to suggest; an exact
 * match is not a suggestion. A case-only difference always counts as close.
 */
export function closest(target: string, candidates: Iterable<string>, limit = 5000): string | undefined {
  const max = suggestionDistance(target);
  let best: string | undefined;
  let bestDistance = max + 1;
  let seen = 0;
  const lower = target.toLowerCase();
  for (const candidate of candidates) {
    if (++seen > limit) break;
    if (candidate === target) continue;
    const distance = candidate.toLowerCase() === lower ? 0.5 : editDistance(target, candidate, max);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
