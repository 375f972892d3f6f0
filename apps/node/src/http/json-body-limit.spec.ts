import { EncodeError, encodeMessage, LIMITS, messageFromJson, messageToJson } from '#contracts';
import { alertRequest } from '../../test/node.fixtures.js';
import { MAX_JSON_BODY_BYTES } from './json-body-limit.js';

// A vertex whose coordinates need every digit a double prints: the JSON mapping's worst case per byte.
const vertex = (i: number) => ({ lat: -(12 + i / 7919) / 3, lon: -(123 + i / 7907) / 3 });

// The alert fixture with `count` vertices spread over polygons of at most LIMITS.maxPolygonVertices.
function alertWithVertices(count: number): Record<string, unknown> {
  const polygons: { vertices: ReturnType<typeof vertex>[] }[] = [];
  for (let i = 0; i < count; i += LIMITS.maxPolygonVertices) {
    polygons.push({
      vertices: Array.from({ length: Math.min(LIMITS.maxPolygonVertices, count - i) }, (_, j) =>
        vertex(i + j),
      ),
    });
  }
  const base = alertRequest();
  return { ...base, id: 'worst-case', sender: 'kz-border', area: { ...(base.area as object), polygons } };
}

// The protobuf and compact JSON sizes of the alert; undefined once the hub would refuse it as too large.
function sizes(json: Record<string, unknown>): { wire: number; json: number } | undefined {
  const message = messageFromJson('alert', json);
  try {
    const wire = encodeMessage('alert', message).byteLength;
    return { wire, json: JSON.stringify(messageToJson('alert', message)).length };
  } catch (error) {
    if (error instanceof EncodeError) return undefined;
    throw error;
  }
}

describe('the JSON body limit', () => {
  it('admits the JSON of the largest alert the hub accepts, at the worst JSON-to-protobuf ratio', () => {
    // Grow the geometry until the protobuf encoding is at the wire limit.
    let count = 1_000;
    while (sizes(alertWithVertices(count + 500)) !== undefined) count += 500;
    const { wire, json } = sizes(alertWithVertices(count))!;
    expect(wire).toBeGreaterThan(LIMITS.maxBodyBytes * 0.95);
    expect(json / wire).toBeGreaterThan(2.5);
    // Room for the compact mapping and a little whitespace, and half the 2 MB allowed before.
    expect(json).toBeLessThan(MAX_JSON_BODY_BYTES * 0.7);
    expect(MAX_JSON_BODY_BYTES).toBe(1024 * 1024);
  });
});
