import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  FIXTURE_NOW,
  fixtureContext,
  validHubHeartbeat,
  validNodeHeartbeat,
} from '../../test/message.fixtures.js';
import { validateHeartbeat } from './heartbeat.rules.js';

const fields = (heartbeat: ReturnType<typeof validNodeHeartbeat>) =>
  validateHeartbeat(heartbeat, fixtureContext()).map((violation) => violation.field);

describe('heartbeat rules', () => {
  it("accepts a node's heartbeat with its outbox and a hub's without", () => {
    expect(fields(validNodeHeartbeat())).toEqual([]);
    expect(fields(validHubHeartbeat())).toEqual([]);
  });

  it("refuses an outbox on a hub's heartbeat", () => {
    const heartbeat = validHubHeartbeat();
    heartbeat.outbox = validNodeHeartbeat().outbox;
    expect(fields(heartbeat)).toEqual(['outbox']);
  });

  it('refuses a heartbeat sent more than the skew allowance ahead of the clock', () => {
    const heartbeat = validNodeHeartbeat();
    heartbeat.sent = timestampFromDate(new Date(FIXTURE_NOW.getTime() + 6 * 60_000));
    expect(fields(heartbeat)).toEqual(['sent']);
  });
});
