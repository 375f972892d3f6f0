import type { Alert } from '../gen/borderlink/v1/alert_pb.js';
import { AlertType, AlertTypeSchema } from '../gen/borderlink/v1/alert_pb.js';
import {
  CategorySchema,
  CertaintySchema,
  SeveritySchema,
  StatusSchema,
  UrgencySchema,
} from '../gen/borderlink/v1/common_pb.js';
import { checkAddressees, hasAddressees } from './addressees.rules.js';
import { checkArea, checkRegions } from './area.rules.js';
import { checkCapOrigin } from './cap.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkEvaluation } from './evaluation.rules.js';
import { checkHandling, checkRestrictedAudience } from './handling.rules.js';
import { checkId, checkIdList } from './id.rules.js';
import { checkSeizedItems } from './item.rules.js';
import { checkPersons } from './person.rules.js';
import { checkLocalizedTexts } from './text.rules.js';
import { checkAfter, checkTimestamp } from './time.rules.js';
import type { ValidationContext, Violation } from './violation.js';

/**
 * Rules of an alert (after OASIS CAP 1.2): classification on all three CAP axes, at least one region
 * topic, an evaluation and handling, texts with an original, references for updates and cancels, and
 * a validity that ends after it starts.
 */
export function validateAlert(alert: Alert, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  const sent = checkEnvelope(out, alert, ctx);
  checkEnum(out, 'type', AlertTypeSchema, alert.type, true);
  checkEnum(out, 'status', StatusSchema, alert.status, true);

  checkIdList(out, 'references', alert.references, alert.id);
  if ((alert.type === AlertType.UPDATE || alert.type === AlertType.CANCEL) && alert.references.length === 0) {
    out.push({ field: 'references', reason: 'must name the alert an update or cancel refers to' });
  }
  checkId(out, 'incident', alert.incident, false);

  checkEnum(out, 'category', CategorySchema, alert.category, true);
  checkEnum(out, 'severity', SeveritySchema, alert.severity, true);
  checkEnum(out, 'urgency', UrgencySchema, alert.urgency, true);
  checkEnum(out, 'certainty', CertaintySchema, alert.certainty, true);

  if (alert.area !== undefined) checkArea(out, 'area', alert.area, ctx);
  checkRegions(out, 'regions', alert.regions, ctx, true);

  const effective = checkTimestamp(out, 'effective', alert.effective, false);
  const expires = checkTimestamp(out, 'expires', alert.expires, false);
  checkAfter(out, 'expires', expires, effective, 'effective');
  checkAfter(out, 'expires', expires, sent, 'sent');

  checkLocalizedTexts(out, 'texts', alert.texts, true);
  checkSeizedItems(out, 'items', alert.items);
  checkPersons(out, 'persons', alert.persons);
  checkEvaluation(out, 'evaluation', alert.evaluation, true);
  checkHandling(out, 'handling', alert.handling, true);
  checkRestrictedAudience(out, 'addressees', alert.handling, hasAddressees(alert.addressees));
  checkAddressees(out, 'addressees', alert.addressees, alert.sender, ctx, false);
  if (alert.cap !== undefined) checkCapOrigin(out, 'cap', alert.cap, alert.texts.length);
  return out;
}
