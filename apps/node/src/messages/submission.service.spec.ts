import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { MessageOf } from '#contracts';
import { RegistryIndex } from '#registry';
import { pino } from 'pino';
import type { Clock } from '../common/clock.js';
import type { IdGenerator } from '../common/id-generator.js';
import { InvalidMessageError, MalformedMessageError, PublishFailedError } from '../common/request.errors.js';
import type { NodeConfig } from '../config/node.config.js';
import { alertRequest, fixtureKeys, fixtureRegistry, noticeRequest } from '../node.fixtures.js';
import { NoticesService } from '../notices/notices.service.js';
import type { OutboundRepository } from '../outbound/outbound.repository.js';
import type { OutboundKind } from '../outbound/signed-fields.js';
import type { SentMessagesService } from './sent-messages.service.js';
import { SubmissionService } from './submission.service.js';

const NOW = new Date('2025-03-14T08:30:00.000Z');
const NEW_ID = '0195940a-0000-7000-8000-00000000abcd';

function setup(options: { duplicate?: boolean; failPublish?: boolean } = {}) {
  const published: { kind: OutboundKind; message: MessageOf<OutboundKind> }[] = [];
  const recorded: { id: string; kind: string }[] = [];
  const outbound = {
    async publish(kind: OutboundKind, message: MessageOf<OutboundKind>) {
      if (options.failPublish) throw new PublishFailedError(message.id);
      published.push({ kind, message });
      return { duplicate: options.duplicate ?? false };
    },
  };
  const sent = {
    async recordAccepted(id: string, kind: string) {
      recorded.push({ id, kind });
    },
  };
  const clock: Clock = { now: () => NOW };
  const ids = { next: () => NEW_ID } as IdGenerator;
  const service = new SubmissionService(
    { NODE_ID: 'kz-border' } as NodeConfig,
    new RegistryIndex(fixtureRegistry(fixtureKeys())),
    outbound as unknown as OutboundRepository,
    sent as unknown as SentMessagesService,
    clock,
    ids,
    pino({ level: 'silent' }),
  );
  return { service, published, recorded };
}

describe('SubmissionService', () => {
  it('publishes a valid alert as this node’s, then records it as sent', async () => {
    const { service, published, recorded } = setup();
    expect(await service.submit('alert', alertRequest())).toEqual({ id: NEW_ID, duplicate: false });
    expect(published).toHaveLength(1);
    const [{ kind, message }] = published as [{ kind: OutboundKind; message: MessageOf<'alert'> }];
    expect(kind).toBe('alert');
    expect(message).toMatchObject({ id: NEW_ID, sender: 'kz-border' });
    expect(message.sent && timestampDate(message.sent)).toEqual(NOW);
    expect(recorded).toEqual([{ id: NEW_ID, kind: 'alert' }]);
  });

  it('publishes nothing for an alert that breaks the rules, and names every broken field', async () => {
    const { service, published, recorded } = setup();
    const body = { ...alertRequest(), regions: ['atlantis'], texts: [] };
    const refusal = await service.submit('alert', body).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InvalidMessageError);
    const fields = (refusal as InvalidMessageError).violations.map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['regions[0]', 'texts']));
    expect(published).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('publishes nothing for a body that does not fit the schema', async () => {
    const { service, published } = setup();
    await expect(service.submit('alert', { ...alertRequest(), colour: 'red' })).rejects.toBeInstanceOf(
      MalformedMessageError,
    );
    expect(published).toEqual([]);
  });

  it('answers a retried id like the first post', async () => {
    const { service, recorded } = setup({ duplicate: true });
    expect(await service.submit('alert', { ...alertRequest(), id: 'client-1' })).toEqual({
      id: 'client-1',
      duplicate: true,
    });
    expect(recorded).toEqual([{ id: 'client-1', kind: 'alert' }]);
  });

  it('records nothing when JetStream does not acknowledge', async () => {
    const { service, recorded } = setup({ failPublish: true });
    await expect(service.submit('alert', alertRequest())).rejects.toBeInstanceOf(PublishFailedError);
    expect(recorded).toEqual([]);
  });

  it('completes a notice with its thread and deadline before validating it', async () => {
    const { service, published } = setup();
    await new NoticesService(service).publish(noticeRequest());
    const notice = published[0]?.message as MessageOf<'notice'>;
    expect(notice.thread).toBe(NEW_ID);
    expect(notice.deadline && timestampDate(notice.deadline)).toEqual(
      new Date(NOW.getTime() + 72 * 3_600_000),
    );
  });
});
