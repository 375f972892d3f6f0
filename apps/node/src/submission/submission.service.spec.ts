import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { MessageOf, SendableKind } from '#contracts';
import { RegistryIndex } from '#registry';
import { pino } from 'pino';
import { alertRequest, fixtureKeys, fixtureRegistry, noticeRequest } from '../../test/node.fixtures.js';
import type { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import type { IdGenerator } from '../common/id-generator.js';
import type { NodeConfig } from '../config/node.config.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { SubmissionStatus, Submitted } from '../outbox/submitted.js';
import type { HeldMessage } from '../common/held-message.js';
import type { HeldIndexes } from '../indexes/held-indexes.service.js';
import type { SentMessagesService } from '../sent/sent-messages.service.js';
import type { SerialsService } from '../serials/serials.service.js';
import { MalformedMessageError } from './submission.errors.js';
import { SubmissionService } from './submission.service.js';

const NOW = new Date('2025-03-14T08:30:00.000Z');
const NEW_ID = '0195940a-0000-7000-8000-00000000abcd';

function setup(options: { status?: SubmissionStatus; duplicate?: boolean } = {}) {
  const queued: { kind: SendableKind; message: MessageOf<SendableKind> }[] = [];
  const recorded: { id: string; kind: string; status: string }[] = [];
  const outbox = {
    async submit(kind: SendableKind, message: MessageOf<SendableKind>): Promise<Submitted> {
      queued.push({ kind, message });
      return { id: message.id, status: options.status ?? 'queued', duplicate: options.duplicate ?? false };
    },
  };
  const sent = {
    async recordQueued(id: string, kind: string) {
      recorded.push({ id, kind, status: 'queued' });
    },
  };
  const filed: HeldMessage[] = [];
  const indexes = {
    async file(messages: readonly HeldMessage[]) {
      filed.push(...messages);
    },
  };
  const clock: Clock = { now: () => NOW };
  const ids = { next: () => NEW_ID } as IdGenerator;
  const service = new SubmissionService(
    { NODE_ID: 'kz-border' } as NodeConfig,
    new RegistryIndex(fixtureRegistry(fixtureKeys())),
    outbox as unknown as OutboxService,
    sent as unknown as SentMessagesService,
    clock,
    ids,
    pino({ level: 'silent' }),
    indexes as unknown as HeldIndexes,
    { correlate: async () => undefined } as unknown as SerialsService,
  );
  return { service, queued, recorded, filed };
}

const ACTOR = 'person:kz-officer-7';

describe('SubmissionService', () => {
  it('queues a valid alert as this node’s, then records it as queued', async () => {
    const { service, queued, recorded } = setup();
    expect(await service.submit('alert', alertRequest(), ACTOR)).toEqual({
      id: NEW_ID,
      status: 'queued',
      duplicate: false,
    });
    expect(queued).toHaveLength(1);
    const [{ kind, message }] = queued as [{ kind: SendableKind; message: MessageOf<'alert'> }];
    expect(kind).toBe('alert');
    expect(message).toMatchObject({ id: NEW_ID, sender: 'kz-border', actor: ACTOR });
    expect(message.sent && timestampDate(message.sent)).toEqual(NOW);
    expect(recorded).toEqual([{ id: NEW_ID, kind: 'alert', status: 'queued' }]);
  });

  it('files what it queues under its thread, with the message as JSON', async () => {
    const { service, filed } = setup();
    await service.submit('notice', noticeRequest(), ACTOR);
    expect(filed).toEqual([
      { id: NEW_ID, kind: 'notice', message: expect.objectContaining({ id: NEW_ID, thread: NEW_ID }) },
    ]);
  });

  it('queues nothing for an alert that breaks the rules, and names every broken field', async () => {
    const { service, queued, recorded, filed } = setup();
    const body = { ...alertRequest(), regions: ['atlantis'], texts: [] };
    const refusal = await service.submit('alert', body, ACTOR).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InvalidMessageError);
    const fields = (refusal as InvalidMessageError).violations.map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['regions[0]', 'texts']));
    expect(queued).toEqual([]);
    expect(filed).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('queues nothing for a body that does not fit the schema', async () => {
    const { service, queued } = setup();
    await expect(service.submit('alert', { ...alertRequest(), colour: 'red' }, ACTOR)).rejects.toBeInstanceOf(
      MalformedMessageError,
    );
    expect(queued).toEqual([]);
  });

  it('passes on the outbox’s answer to a retried id', async () => {
    const { service } = setup({ status: 'accepted', duplicate: true });
    expect(await service.submit('alert', { ...alertRequest(), id: 'client-1' }, ACTOR)).toEqual({
      id: 'client-1',
      status: 'accepted',
      duplicate: true,
    });
  });

  it('completes a notice with its thread and deadline before validating it', async () => {
    const { service, queued } = setup();
    await service.submit('notice', noticeRequest(), ACTOR);
    const notice = queued[0]?.message as MessageOf<'notice'>;
    expect(notice.thread).toBe(NEW_ID);
    expect(notice.deadline && timestampDate(notice.deadline)).toEqual(
      new Date(NOW.getTime() + 72 * 3_600_000),
    );
  });
});
