import { NoticeKindSchema, PrioritySchema } from '../gen/borderlink/v1/notice_pb.js';
import {
  ReminderStage,
  ReminderStageSchema,
  type RequestReminder,
} from '../gen/borderlink/v1/reminder_pb.js';
import { checkNode } from './addressees.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkHandling } from './handling.rules.js';
import { checkId } from './id.rules.js';
import { checkTimestamp } from './time.rules.js';
import type { ValidationContext, Violation } from './violation.js';

/**
 * Rules of the hub's reminder of an unanswered request: the request, its requester and addressee,
 * the deadline that passed and the stage; an escalation names the contact it went to.
 */
export function validateRequestReminder(reminder: RequestReminder, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, reminder, ctx);
  checkId(out, 'request', reminder.request, true);
  checkNode(out, 'requester', reminder.requester, ctx);
  checkNode(out, 'addressee', reminder.addressee, ctx);
  checkEnum(out, 'requestKind', NoticeKindSchema, reminder.requestKind, true);
  checkEnum(out, 'priority', PrioritySchema, reminder.priority, false);
  checkTimestamp(out, 'deadline', reminder.deadline, true);
  checkEnum(out, 'stage', ReminderStageSchema, reminder.stage, true);
  if (reminder.stage === ReminderStage.ESCALATED) checkNode(out, 'escalatedTo', reminder.escalatedTo, ctx);
  checkHandling(out, 'handling', reminder.handling, false);
  return out;
}
