/** Comparing the fast YAML parser with the complete one (scripts/parse-compare.ts), failing the test on a difference. */
import { fastParserDifference, locatorDifference } from '../../scripts/parse-compare.js';

/** Whether the fast parser answered; throws where it differs from the complete parser. */
export function expectSameAsPrecise(text: string): boolean {
  const { answered, difference } = fastParserDifference(text);
  if (difference) throw new Error(difference);
  return answered;
}

/** How many documents the locator was checked on; throws where it differs from the full positions. */
export function expectLocatorAgrees(text: string): number {
  const { checked, difference } = locatorDifference(text);
  if (difference) throw new Error(difference);
  return checked;
}
