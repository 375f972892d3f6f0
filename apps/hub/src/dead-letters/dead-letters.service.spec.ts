import { MsgHdrsImpl } from '@nats-io/transport-node';
import { deadLetterMsgId, type DeadLetterSource, type PublishResult } from '#messaging';
import type { Logger } from 'pino';
import type { ConsumerAdvisory } from './consumer-advisory.js';
import { DeadLetterStore, type DeadLetterCount, type OriginalMessage } from './dead-letter.store.js';
import { DeadLettersService } from './dead-letters.service.js';

interface Written {
  source: DeadLetterSource;
  body: string;
  reason: string;
}

/** Originals by `stream:seq`; records deduped by their id, as BL_DLQ's duplicate window does. */
class MemoryDeadLetterStore extends DeadLetterStore {
  readonly originals = new Map<string, OriginalMessage>();
  readonly written = new Map<string, Written>();

  original(stream: string, sequence: number): Promise<OriginalMessage | undefined> {
    return Promise.resolve(this.originals.get(`${stream}:${sequence}`));
  }

  write(source: DeadLetterSource, body: Uint8Array, reason: string): Promise<PublishResult> {
    const id = deadLetterMsgId(source.stream, source.consumer, source.streamSequence);
    const duplicate = this.written.has(id);
    if (!duplicate) this.written.set(id, { source, body: new TextDecoder().decode(body), reason });
    return Promise.resolve({ stream: 'BL_DLQ', seq: this.written.size, duplicate });
  }

  counts(): Promise<DeadLetterCount[]> {
    return Promise.resolve([]);
  }
}

const silent = { warn: () => undefined, debug: () => undefined } as unknown as Logger;
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

const ADVISORY: ConsumerAdvisory = {
  kind: 'max-deliveries',
  stream: 'BL_DELIVERY',
  consumer: 'node-kz-border',
  streamSequence: 41,
  deliveries: 5,
};

describe('DeadLettersService', () => {
  let store: MemoryDeadLetterStore;
  let service: DeadLettersService;

  beforeEach(() => {
    store = new MemoryDeadLetterStore();
    service = new DeadLettersService(store, silent);
  });

  it('records the original body, subject and headers of the message the advisory names', async () => {
    const headers = MsgHdrsImpl.fromRecord({ 'Bl-Id': ['0190-alert'] });
    store.originals.set('BL_DELIVERY:41', {
      subject: 'bl.out.kz-border.alert.direct.general',
      headers,
      body: text('alert'),
    });

    const outcome = await service.record(ADVISORY, text('{}'));

    expect(outcome).toEqual({ written: true, originalKept: true });
    const [record] = store.written.values();
    expect(record).toMatchObject({
      body: 'alert',
      reason: 'max deliveries reached: not acknowledged after 5 deliveries',
      source: {
        subject: 'bl.out.kz-border.alert.direct.general',
        deliveries: 5,
        streamSequence: 41,
        headers,
      },
    });
  });

  it('keeps the advisory itself when the original is gone, without a subject to replay on', async () => {
    const outcome = await service.record(ADVISORY, text('{"type":"advisory"}'));

    expect(outcome).toEqual({ written: true, originalKept: false });
    const [record] = store.written.values();
    expect(record?.body).toBe('{"type":"advisory"}');
    expect(record?.source.subject).toBeUndefined();
    expect(record?.reason).toBe(
      'original no longer in BL_DELIVERY; max deliveries reached: not acknowledged after 5 deliveries',
    );
  });

  it('writes nothing new when a record for the message and consumer exists (the app wrote it)', async () => {
    await service.record(ADVISORY, text('{}'));
    expect(await service.record(ADVISORY, text('{}'))).toMatchObject({ written: false });
    expect(store.written.size).toBe(1);
  });

  it("leaves a node's termination on BL_DELIVERY to the node, which filed its record first", async () => {
    expect(await service.record({ ...ADVISORY, kind: 'terminated' }, text('{}'))).toMatchObject({
      written: false,
    });
    expect(store.written.size).toBe(0);
  });

  it("records a termination of the hub's own consumers", async () => {
    const advisory: ConsumerAdvisory = {
      ...ADVISORY,
      kind: 'terminated',
      stream: 'BL_INGRESS',
      consumer: 'hub-ingress',
    };
    expect(await service.record(advisory, text('{}'))).toMatchObject({ written: true });
  });
});
