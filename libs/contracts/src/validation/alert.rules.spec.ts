import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertType } from '../gen/borderlink/v1/alert_pb.js';
import { Category, Certainty, Severity, Status, Urgency } from '../gen/borderlink/v1/common_pb.js';
import { FIXTURE_NOW, fixtureContext, validAlert } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

const at = (offsetMs: number) => timestampFromDate(new Date(FIXTURE_NOW.getTime() + offsetMs));
const HOUR = 3_600_000;
const violationsOf = (alert: ReturnType<typeof validAlert>) =>
  validateMessage('alert', alert, fixtureContext());

describe('alert classification', () => {
  it.each(['type', 'status', 'category', 'severity', 'urgency', 'certainty'] as const)(
    'requires %s',
    (field) => {
      const alert = validAlert();
      Object.assign(alert, { [field]: 0 });
      expect(violationsOf(alert)).toEqual([{ field, reason: 'is required' }]);
    },
  );

  it('refuses enum numbers the schema does not define', () => {
    const alert = validAlert();
    alert.category = 42 as Category;
    alert.severity = 9 as Severity;
    expect(violationsOf(alert)).toEqual([
      { field: 'category', reason: 'unknown Category value 42' },
      { field: 'severity', reason: 'unknown Severity value 9' },
    ]);
  });

  it('accepts every defined classification value', () => {
    const alert = validAlert();
    alert.category = Category.OTHER;
    alert.severity = Severity.UNKNOWN;
    alert.urgency = Urgency.PAST;
    alert.certainty = Certainty.UNLIKELY;
    alert.status = Status.EXERCISE;
    expect(violationsOf(alert)).toEqual([]);
  });
});

describe('alert references', () => {
  it.each([AlertType.UPDATE, AlertType.CANCEL])(
    'requires a reference for type %i (update, cancel)',
    (type) => {
      const alert = validAlert();
      alert.type = type;
      expect(violationsOf(alert)).toEqual([
        { field: 'references', reason: 'must name the alert an update or cancel refers to' },
      ]);
      alert.references = ['0195940a-0000-7000-8000-000000000001'];
      expect(violationsOf(alert)).toEqual([]);
    },
  );

  it('refuses an alert that references itself', () => {
    const alert = validAlert();
    alert.references = [alert.id];
    expect(violationsOf(alert)).toEqual([
      { field: 'references[0]', reason: 'must not be the message itself' },
    ]);
  });

  it('refuses malformed and repeated references', () => {
    const alert = validAlert();
    alert.references = ['a b', 'prior-1', 'prior-1'];
    expect(violationsOf(alert)).toEqual([
      { field: 'references[0]', reason: "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'" },
      { field: 'references[2]', reason: 'duplicates references[1]' },
    ]);
  });

  it('bounds the number of references', () => {
    const alert = validAlert();
    alert.references = Array.from({ length: 33 }, (_, i) => `prior-${i}`);
    expect(violationsOf(alert)).toEqual([{ field: 'references', reason: 'must have at most 32 entries' }]);
  });

  it('accepts a well-formed incident id and refuses a malformed one', () => {
    const alert = validAlert();
    alert.incident = 'INC-2025-0042';
    expect(violationsOf(alert)).toEqual([]);
    alert.incident = 'INC 2025/42';
    expect(violationsOf(alert)).toEqual([
      { field: 'incident', reason: "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'" },
    ]);
  });
});

describe('alert validity', () => {
  it('accepts no validity at all, and an expiry after both sent and effective', () => {
    const alert = validAlert();
    alert.effective = undefined;
    alert.expires = undefined;
    expect(violationsOf(alert)).toEqual([]);
    alert.effective = at(HOUR);
    alert.expires = at(2 * HOUR);
    expect(violationsOf(alert)).toEqual([]);
  });

  it('refuses an expiry before the effective time', () => {
    const alert = validAlert();
    alert.effective = at(3 * HOUR);
    alert.expires = at(2 * HOUR);
    expect(violationsOf(alert)).toEqual([{ field: 'expires', reason: 'must be after effective' }]);
  });

  it('refuses an expiry at or before the sent time', () => {
    const alert = validAlert();
    alert.effective = undefined;
    alert.expires = alert.sent;
    expect(violationsOf(alert)).toEqual([{ field: 'expires', reason: 'must be after sent' }]);
  });

  it('refuses an invalid effective time without a follow-on complaint', () => {
    const alert = validAlert();
    alert.effective = { ...at(0), nanos: 1_000_000_000 };
    expect(violationsOf(alert)).toEqual([
      { field: 'effective', reason: 'must be a valid time between years 0001 and 9999' },
    ]);
  });
});

describe('alert evaluation', () => {
  it('requires an evaluation with both grades', () => {
    const alert = validAlert();
    alert.evaluation = undefined;
    expect(violationsOf(alert)).toEqual([{ field: 'evaluation', reason: 'is required' }]);
    alert.evaluation = { ...validAlert().evaluation!, source: 0, information: 0 };
    expect(violationsOf(alert)).toEqual([
      { field: 'evaluation.source', reason: 'is required' },
      { field: 'evaluation.information', reason: 'is required' },
    ]);
  });
});
