import fc from 'fast-check';
import {
  CONSUMER_HUB_DEAD_LETTERS,
  CONSUMER_HUB_INGRESS,
  nodeDeliveryConsumer,
  nodeRebuildConsumer,
} from './streams.js';
import { isSubjectToken } from './subjects.js';

const nodeId = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).filter(isSubjectToken);

describe('consumer names derived from node ids', () => {
  it("never gives a node's rebuild consumer the name of another node's live consumer", () => {
    // Under the old `node-<id>-rebuild`, kg-customs' rebuild consumer was kg-customs-rebuild's live one.
    expect(nodeRebuildConsumer('kg-customs')).not.toBe(nodeDeliveryConsumer('kg-customs-rebuild'));
    fc.assert(
      fc.property(nodeId, nodeId, (a, b) => {
        expect(nodeRebuildConsumer(a)).not.toBe(nodeDeliveryConsumer(b));
        if (a !== b) {
          expect(nodeDeliveryConsumer(a)).not.toBe(nodeDeliveryConsumer(b));
          expect(nodeRebuildConsumer(a)).not.toBe(nodeRebuildConsumer(b));
        }
      }),
    );
  });

  it("never names a node's consumer like one of the hub's", () => {
    fc.assert(
      fc.property(nodeId, (id) => {
        for (const name of [nodeDeliveryConsumer(id), nodeRebuildConsumer(id)])
          expect([CONSUMER_HUB_INGRESS, CONSUMER_HUB_DEAD_LETTERS]).not.toContain(name);
      }),
    );
  });
});
