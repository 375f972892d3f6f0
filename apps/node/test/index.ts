// The node's test fixtures for the tests outside the app (`#node/testing`, types only: fixtures are not
// compiled). The node's own specs import `./node.fixtures.js` relatively.
export {
  FIXTURE_NODES,
  alertRequest,
  fixtureKeys,
  fixtureRegistry,
  noticeRequest,
  sealMessage,
  type FixtureKeys,
  type FixtureNode,
  type SealedMessage,
} from './node.fixtures.js';
