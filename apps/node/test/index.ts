// The node's test fixtures for the tests outside the app (`#node/testing`, types only: fixtures are not
// compiled). The node's own specs import `./node.fixtures.js` relatively.
export {
  FIXTURE_NODES,
  alertRequest,
  fixtureKeys,
  fixtureRegistry,
  hubStatement,
  noticeRequest,
  sealMessage,
  type FixtureKeys,
  type FixtureNode,
  type SealedMessage,
  type StatedAudit,
} from './node.fixtures.js';
