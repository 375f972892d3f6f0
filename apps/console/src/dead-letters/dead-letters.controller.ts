import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentOperator } from '../access/current-operator.js';
import type { Operator } from '../access/operator.js';
import type { DeadLetterDetailView, DeadLetterView } from './dead-letter.dto.js';
import { DeadLettersService, type DeadLetterOutcome } from './dead-letters.service.js';

/**
 * `/v1/dead-letters`: what consumers gave up on, metadata only; replay and drop, each recorded in the
 * audit chain with the operator's name before it is carried out.
 */
@Controller('v1/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async list(): Promise<{ records: DeadLetterView[] }> {
    return { records: await this.deadLetters.list() };
  }

  @Get(':id')
  @Header('Cache-Control', 'no-store')
  show(@Param('id') id: string): Promise<DeadLetterDetailView> {
    return this.deadLetters.show(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  replay(@Param('id') id: string, @CurrentOperator() operator: Operator): Promise<DeadLetterOutcome> {
    return this.deadLetters.replay(id, operator);
  }

  @Post(':id/drop')
  @HttpCode(200)
  drop(@Param('id') id: string, @CurrentOperator() operator: Operator): Promise<DeadLetterOutcome> {
    return this.deadLetters.drop(id, operator);
  }
}
