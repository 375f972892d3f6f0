import { create } from '@bufbuild/protobuf';
import { fixtureContext, validAlert } from '../../test/message.fixtures.js';
import { CapInfoSchema, CapOriginSchema } from '../gen/borderlink/v1/alert_pb.js';
import { validateMessage } from './validate-message.js';

/** A valid alert as imported from CAP: one info block for each of its texts. */
function imported(infos: number) {
  const alert = validAlert();
  const info = create(CapInfoSchema, { categories: ['Security'], event: 'Crossing' });
  alert.cap = create(CapOriginSchema, {
    identifier: 'KZ-1',
    sender: 'ops@border.example',
    sent: alert.sent,
    infos: Array.from({ length: infos }, () => info),
  });
  return alert;
}

describe('the CAP document an alert keeps', () => {
  it('is valid with one info block for each text', () => {
    const alert = imported(validAlert().texts.length);
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([]);
  });

  it('needs one info block for each text, since an export pairs them in order', () => {
    const alert = imported(validAlert().texts.length + 1);
    expect(validateMessage('alert', alert, fixtureContext())).toEqual([
      {
        field: 'cap.infos',
        reason: `must have one info block for each of the alert's ${alert.texts.length} texts`,
      },
    ]);
  });
});
