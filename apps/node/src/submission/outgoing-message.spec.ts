import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Category } from '#contracts';
import { alertRequest } from '../../test/node.fixtures.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { readMessage, stampOrigin, type Origin } from './outgoing-message.js';
import { MalformedMessageError } from './submission.errors.js';

const NOW = new Date('2025-03-14T08:30:00.123Z');
const origin: Origin = {
  node: 'kz-border',
  actor: 'person:kz-officer-7',
  now: NOW,
  newId: () => '0195940a-0000-7000-8000-000000000001',
};

describe('building a message from a request body', () => {
  it('reads the protobuf JSON mapping with enum names and camelCase fields', () => {
    const alert = readMessage('alert', alertRequest());
    expect(alert.category).toBe(Category.SMALL_ARMS_LIGHT_WEAPONS);
    expect(alert.area?.borderSections).toEqual(['tj-af-panj']);
  });

  it('refuses JSON that does not fit the schema as malformed, quoting the offending value', () => {
    const read = () => readMessage('alert', { ...alertRequest(), category: 'CATEGORY_NOPE' });
    expect(read).toThrow(MalformedMessageError);
    expect(read).toThrow(/CATEGORY_NOPE/);
    expect(() => readMessage('alert', { headline: 'misplaced' })).toThrow(MalformedMessageError);
    expect(() => readMessage('alert', 'not an object')).toThrow(MalformedMessageError);
  });

  it('gives a message without id a fresh one, and sets sender, actor and sent time', () => {
    const alert = readMessage('alert', alertRequest());
    stampOrigin(alert, origin);
    expect(alert.id).toBe('0195940a-0000-7000-8000-000000000001');
    expect(alert.sender).toBe('kz-border');
    expect(alert.actor).toBe('person:kz-officer-7');
    expect(alert.sent && timestampDate(alert.sent)).toEqual(NOW);
  });

  it('refuses a body that names someone else as the actor', () => {
    const alert = readMessage('alert', { ...alertRequest(), actor: 'person:someone-else' });
    expect(() => stampOrigin(alert, origin)).toThrow(InvalidMessageError);
    const same = readMessage('alert', { ...alertRequest(), actor: 'person:kz-officer-7' });
    stampOrigin(same, origin);
    expect(same.actor).toBe('person:kz-officer-7');
  });

  it('keeps an id the client chose, so its retries are recognised', () => {
    const alert = readMessage('alert', { ...alertRequest(), id: 'client-chosen-1', sender: 'kz-border' });
    stampOrigin(alert, origin);
    expect(alert.id).toBe('client-chosen-1');
  });

  it('overrides a sent time the client set', () => {
    const alert = readMessage('alert', { ...alertRequest(), sent: '2020-01-01T00:00:00Z' });
    stampOrigin(alert, origin);
    expect(alert.sent && timestampDate(alert.sent)).toEqual(NOW);
  });

  it('refuses a body that names another node as sender', () => {
    const alert = readMessage('alert', { ...alertRequest(), sender: 'tj-border' });
    try {
      stampOrigin(alert, origin);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidMessageError);
      expect((error as InvalidMessageError).violations).toEqual([
        { field: 'sender', reason: 'must be this node (kz-border) or absent' },
      ]);
    }
  });
});
