/**
 * The fields of a JSON object stored in Redis, or undefined when the text is not one: records the hub
 * keeps are a cache, so an unreadable one reads as missing rather than failing the message.
 */
export function readJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
