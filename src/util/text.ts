/** Text helpers for messages. */

/** A value as quoted in a message, cut short when long (a 5 MB label value must not become a 5 MB message). */
export function quote(value: string, max = 64): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value) + (value.length > max ? ` (${value.length} characters)` : '');
}

/** Items a message lists at most. */
export const MAX_LISTED = 10;

/** `a, b, c` — or the first MAX_LISTED and `and N more` (`total`: how many there are, when `items` holds only some). */
export function listed(items: readonly string[], total = items.length): string {
  const shown = items.slice(0, MAX_LISTED).join(', ');
  return total > MAX_LISTED ? `${shown} and ${total - MAX_LISTED} more` : shown;
}

/** The longest message a finding carries; longer ones are cut. */
export const MAX_MESSAGE = 1000;

export function capMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}
