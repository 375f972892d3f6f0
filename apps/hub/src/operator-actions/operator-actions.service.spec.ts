import { jest } from '@jest/globals';
import { AuditEvent } from '#contracts';
import type { RegistryIndex } from '#registry';
import type { AuditReceipt, AuditRecord, AuditTrail } from '../audit/audit-trail.js';
import { OperatorActionsService } from './operator-actions.service.js';

describe('OperatorActionsService', () => {
  const record = jest.fn<(record: AuditRecord) => Promise<AuditReceipt>>();
  const audit = { record } as unknown as AuditTrail;
  const registry = { nodes: () => [{ id: 'kz-border' }, { id: 'hub' }] } as unknown as RegistryIndex;
  const service = new OperatorActionsService(audit, registry);

  beforeEach(() => {
    record.mockReset();
    record.mockResolvedValue({
      streamSequence: 9,
      duplicate: false,
      entry: { position: 9n, hash: new Uint8Array(32), at: new Date() },
    });
  });

  it("records a replay under the operator's name, for the node whose consumer gave up", async () => {
    await service.recordDeadLetterDecision({
      action: 'replay',
      operator: 'operator2',
      deadLetter: 5,
      stream: 'BL_DELIVERY',
      consumer: 'node-kz-border',
      sequence: 41,
      subject: 'bl.out.kz-border.alert.direct.general',
      msgId: '0190-alert',
      reason: 'max deliveries',
    });
    expect(record).toHaveBeenCalledWith({
      event: AuditEvent.DEAD_LETTER_REPLAYED,
      ref: 'dead-letter-5',
      person: 'operator:operator2',
      message: '0190-alert',
      recipients: ['kz-border'],
      detail:
        'dead letter 5 (BL_DELIVERY/node-kz-border seq 41 bl.out.kz-border.alert.direct.general): max deliveries',
    });
  });

  it('records a drop of another consumer without naming a node', async () => {
    await service.recordDeadLetterDecision({
      action: 'drop',
      operator: 'operator',
      deadLetter: 6,
      stream: 'BL_INGRESS',
      consumer: 'hub-ingress',
      reason: 'x',
    });
    expect(record.mock.calls[0]?.[0]).toMatchObject({ event: AuditEvent.DEAD_LETTER_DROPPED });
    expect(record.mock.calls[0]?.[0].recipients).toBeUndefined();
  });
});
