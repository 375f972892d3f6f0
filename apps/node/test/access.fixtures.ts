import type { Clearance } from '#access';
import { generateNodeKey, NodeSigner } from '#trust';
import { pino } from 'pino';
import type { Principal } from '../src/access/principal.js';
import { AccessLogRepository } from '../src/access-log/access-log.repository.js';
import { AccessLogService } from '../src/access-log/access-log.service.js';
import { Clock } from '../src/common/clock.js';
import type { NodeConfig } from '../src/config/node.config.js';

/** A person holding the reader role and `clearance`, as the node's door authenticates one. */
export function fixtureReader(clearance: Clearance = 'red', subject = 'kz-border-reader'): Principal {
  return {
    id: `person:${subject}`,
    kind: 'person',
    issuer: 'https://idp.kz-border.test',
    subject,
    name: subject,
    roles: ['reader'],
    clearance,
  };
}

/** kz-border's access log in the store file `file`, signing with a fresh key, on `clock`. */
export function fixtureAccessLog(
  file: string,
  clock: Clock = new Clock(),
): { accessLog: AccessLogService; repository: AccessLogRepository; publicKey: string } {
  const key = generateNodeKey();
  const config = { NODE_ID: 'kz-border', NODE_STORE_FILE: file } as NodeConfig;
  const repository = new AccessLogRepository(config);
  const accessLog = new AccessLogService(
    repository,
    clock,
    config,
    NodeSigner.fromSeed(key.seed),
    pino({ level: 'silent' }),
  );
  return { accessLog, repository, publicKey: key.publicKey };
}
