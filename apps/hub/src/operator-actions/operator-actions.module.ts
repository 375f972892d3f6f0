import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { OperatorActionsHandler } from './operator-actions.handler.js';
import { OperatorActionsService } from './operator-actions.service.js';

/** Operators' decisions (on dead letters) recorded in the audit chain at their tools' request. */
@Module({ imports: [AuditModule], providers: [OperatorActionsService, OperatorActionsHandler] })
export class OperatorActionsModule {}
