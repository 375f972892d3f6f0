import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { AuditService, type AuditView, type VerificationView } from './audit.service.js';

/** `/v1/audit`: the last verification of the audit chain, and a new one on request. */
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  state(): AuditView {
    return this.audit.state();
  }

  @Post('verify')
  @HttpCode(200)
  verify(): Promise<VerificationView> {
    return this.audit.verify();
  }
}
