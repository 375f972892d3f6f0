import { Tlp } from '#contracts';
import { validAlert, validReceipt } from '../../contracts/test/message.fixtures.js';
import { headerMismatches } from './header-agreement.js';
import { signedFieldsOf } from './sealed-message.js';

describe('headerMismatches', () => {
  it('finds nothing when the headers are the ones the body signs', () => {
    const alert = validAlert();
    expect(headerMismatches('alert', alert, signedFieldsOf('alert', alert))).toEqual([]);
  });

  it('names each of the six fields whose header differs from the body', () => {
    const alert = validAlert();
    const fields = signedFieldsOf('alert', alert);
    expect(headerMismatches('alert', alert, { ...fields, handling: 'TLP:RED' })).toEqual(['handling']);
    expect(headerMismatches('alert', alert, { ...fields, id: 'other', sender: 'nobody' })).toEqual([
      'id',
      'sender',
    ]);
    expect(headerMismatches('alert', alert, { ...fields, type: 'notice' })).toEqual(['type']);
    expect(headerMismatches('alert', alert, { ...fields, sent: '2025-03-14T06:30:00.001Z' })).toEqual([
      'sent',
    ]);
    expect(headerMismatches('alert', alert, { ...fields, correlation: 'incident-2' })).toEqual([
      'correlation',
    ]);
  });

  it('tells a RED header from a GREEN body, and a GREEN header from a RED body', () => {
    const green = validAlert();
    green.handling = { ...green.handling!, tlp: Tlp.GREEN };
    const red = validAlert();
    red.handling = { ...red.handling!, tlp: Tlp.RED };
    expect(headerMismatches('alert', green, signedFieldsOf('alert', red))).toEqual(['handling']);
    expect(headerMismatches('alert', red, signedFieldsOf('alert', green))).toEqual(['handling']);
  });

  it('counts a body field with no header form as a disagreement', () => {
    const alert = validAlert();
    const fields = signedFieldsOf('alert', alert);
    alert.sent = undefined;
    alert.handling = { ...alert.handling!, tlp: 99 as Tlp };
    expect(headerMismatches('alert', alert, fields)).toEqual(['sent', 'handling']);
  });

  it('expects an empty handling and correlation of a receipt', () => {
    const receipt = validReceipt();
    const fields = signedFieldsOf('receipt', receipt);
    expect(headerMismatches('receipt', receipt, fields)).toEqual([]);
    expect(headerMismatches('receipt', receipt, { ...fields, handling: 'TLP:GREEN' })).toEqual(['handling']);
  });
});
