// The hub's test fixtures (#hub/testing) for the tests under test/: parties with fresh keys in a
// registry, and messages sealed as their nodes send them. Never built into dist/: package.json maps
// the alias for types only, and jest reads the source.
export {
  createTestParties,
  sealNodeMessage,
  testAlert,
  testNotice,
  testDeliveredBatch,
  testReceipt,
  testParties,
  testReply,
  type NodeMessage,
  type TestNodeSpec,
  type TestParties,
} from './hub.fixtures.js';
