import { EncodeError, type MessageOf } from '#contracts';
import type { PublishResult } from '#messaging';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import type { NodeConfig } from '../config/node.config.js';
import type { HubLinkRepository } from '../link/hub-link.repository.js';
import type { SealedEnvelope } from '../link/sealed-envelope.js';
import { MESSAGE_QUEUED, type MessageQueued } from './outbox-events.js';
import type { OutboxSenderService } from './outbox-sender.service.js';
import { NotQueuedError } from './outbox.errors.js';
import type { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';

const NOW = new Date('2025-03-14T08:30:00.000Z');
const WAIT_MS = 1_500;

function setup(
  options: { ack?: PublishResult; failing?: boolean; sealError?: Error; diskError?: Error } = {},
) {
  const queued = new Map<string, SealedEnvelope>();
  const waits: Array<{ id: string; timeoutMs: number }> = [];
  let wakes = 0;
  const repository = {
    enqueue(envelope: SealedEnvelope, queuedAt: Date) {
      if (options.diskError) throw options.diskError;
      expect(queuedAt).toEqual(NOW);
      if (queued.has(envelope.msgId)) return false;
      queued.set(envelope.msgId, envelope);
      return true;
    },
  };
  const link = {
    seal(kind: 'alert', message: { id: string }): SealedEnvelope {
      if (options.sealError) throw options.sealError;
      return {
        msgId: message.id,
        kind,
        subject: 'bl.in.kz-border.alert',
        body: new Uint8Array(),
        headers: {},
      };
    },
  };
  const sender = {
    isFailing: () => options.failing ?? false,
    wake: () => wakes++,
    async acked(id: string, timeoutMs: number) {
      waits.push({ id, timeoutMs });
      return timeoutMs > 0 ? options.ack : undefined;
    },
  };
  const announced: string[] = [];
  const events = {
    emit(event: string, queued: MessageQueued) {
      if (event === MESSAGE_QUEUED) announced.push(queued.envelope.msgId);
      return true;
    },
  };
  const clock: Clock = { now: () => NOW };
  const service = new OutboxService(
    { NODE_PUBLISH_WAIT_MS: WAIT_MS } as NodeConfig,
    repository as unknown as OutboxRepository,
    link as unknown as HubLinkRepository,
    sender as unknown as OutboxSenderService,
    events as unknown as EventEmitter2,
    clock,
  );
  const submit = (id: string) => service.submit('alert', { id } as MessageOf<'alert'>);
  return { submit, queued, waits, announced, wakes: () => wakes };
}

describe('OutboxService', () => {
  it('answers accepted when JetStream acknowledges within the wait', async () => {
    const { submit, queued, waits, wakes } = setup({
      ack: { stream: 'BL_INGRESS', seq: 1, duplicate: false },
    });
    expect(await submit('a')).toEqual({ id: 'a', status: 'accepted', duplicate: false });
    expect([...queued.keys()]).toEqual(['a']);
    expect(waits).toEqual([{ id: 'a', timeoutMs: WAIT_MS }]);
    expect(wakes()).toBe(1);
  });

  it('answers queued when no ack comes within the wait; the message stays queued', async () => {
    const { submit, queued } = setup();
    expect(await submit('a')).toEqual({ id: 'a', status: 'queued', duplicate: false });
    expect(queued.has('a')).toBe(true);
  });

  it('answers queued at once while sending fails', async () => {
    const { submit, waits } = setup({
      failing: true,
      ack: { stream: 'BL_INGRESS', seq: 1, duplicate: false },
    });
    expect((await submit('a')).status).toBe('queued');
    expect(waits).toEqual([{ id: 'a', timeoutMs: 0 }]);
  });

  it('queues a retried id once and says it is a duplicate', async () => {
    const { submit, queued } = setup();
    await submit('a');
    const first = queued.get('a');
    expect(await submit('a')).toEqual({ id: 'a', status: 'queued', duplicate: true });
    expect(queued.get('a')).toBe(first);
  });

  it('announces a newly queued message once (the site fast path offers it), not again on a retry', async () => {
    const { submit, announced } = setup();
    await submit('a');
    await submit('a');
    await submit('b');
    expect(announced).toEqual(['a', 'b']);
  });

  it('says duplicate when JetStream already had the id', async () => {
    const { submit } = setup({ ack: { stream: 'BL_INGRESS', seq: 1, duplicate: true } });
    expect(await submit('a')).toEqual({ id: 'a', status: 'accepted', duplicate: true });
  });

  it('refuses a message too large to encode as invalid, queuing nothing', async () => {
    const { submit, queued } = setup({ sealError: new EncodeError('alert body exceeds 1 MiB') });
    await expect(submit('a')).rejects.toBeInstanceOf(InvalidMessageError);
    expect(queued.size).toBe(0);
  });

  it('reports a failed disk write as not queued', async () => {
    const { submit, wakes } = setup({ diskError: new Error('SQLITE_FULL') });
    await expect(submit('a')).rejects.toBeInstanceOf(NotQueuedError);
    expect(wakes()).toBe(0);
  });
});
