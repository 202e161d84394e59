/** Text helpers for messages. */

/** A value as quoted in a message, cut short when long (a 5 MB label value must not become a 5 MB message). */
export function quote(value: string, max = 64): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value) + (value.length > max ? ` (${value.length} characters)` : '');
}

/** The longest message a finding carries; longer ones are cut. */
export const MAX_MESSAGE = 1000;

export function capMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}
