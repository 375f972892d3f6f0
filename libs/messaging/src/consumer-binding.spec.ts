import {
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { bindConsumer } from './consumer-binding.js';
import { ProvisioningError } from './messaging.errors.js';
import type { ConsumerSpec } from './messaging.options.js';

const spec: ConsumerSpec = {
  pattern: 'deliveries',
  stream: 'BL_DELIVERY',
  durable: 'node-kz-border',
  filterSubject: 'bl.out.kz-border.>',
};

// A manager whose consumer lookups answer with `answers`, one per call (the last one repeats).
function managerAnswering(...answers: (ConsumerInfo | Error)[]): JetStreamManager {
  let call = 0;
  const info = (): Promise<ConsumerInfo> => {
    const answer = answers[Math.min(call++, answers.length - 1)]!;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { consumers: { info } } as unknown as JetStreamManager;
}

const infoWithFilter = (filter: string): ConsumerInfo =>
  ({ config: { durable_name: spec.durable, filter_subject: filter } }) as ConsumerInfo;

// The server's answer for a consumer that does not exist (yet).
const notFound = (): Error =>
  new JetStreamApiError({
    code: 404,
    err_code: JetStreamApiCodes.ConsumerNotFound,
    description: 'consumer not found',
  });

describe('bindConsumer', () => {
  it('waits while the consumer is not provisioned, then resolves with its info', async () => {
    const waits: string[] = [];
    const info = await bindConsumer(managerAnswering(notFound(), infoWithFilter(spec.filterSubject)), spec, {
      signal: new AbortController().signal,
      onWaiting: (_attempt, reason) => waits.push(reason),
    });
    expect(info?.config.filter_subject).toBe(spec.filterSubject);
    expect(waits).toEqual(['consumer not provisioned yet']);
  });

  it('refuses a consumer that reads another filter subject', async () => {
    const bound = bindConsumer(managerAnswering(infoWithFilter('bl.out.>')), spec, {
      signal: new AbortController().signal,
      onWaiting: () => undefined,
    });
    await expect(bound).rejects.toThrow(ProvisioningError);
  });

  it('fails at once, with the cause, on an error that will not pass by itself', async () => {
    const refused = new Error('Permissions Violation');
    const bound = bindConsumer(managerAnswering(refused), spec, {
      signal: new AbortController().signal,
      onWaiting: () => undefined,
    });
    await expect(bound).rejects.toMatchObject({ name: 'ProvisioningError', cause: refused });
  });

  it('stops waiting when aborted', async () => {
    const aborter = new AbortController();
    const bound = bindConsumer(managerAnswering(notFound()), spec, {
      signal: aborter.signal,
      onWaiting: () => aborter.abort(),
    });
    await expect(bound).resolves.toBeUndefined();
  });
});
