import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRACE_STATES, type TraceState, type TraceView } from '../traces.service.js';

export class TraceDto implements TraceView {
  @ApiProperty({ description: 'The trace request (a notice).' })
  id: string;

  @ApiProperty({ example: 'kz-border' })
  requester: string;

  @ApiProperty({ type: [String], example: ['interpol'] })
  addressees: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The weapon traced, protobuf JSON.',
  })
  weapon: unknown;

  @ApiProperty({
    enum: TRACE_STATES,
    description:
      'requested → received → in-progress (or delayed, with a reason) → traced (with `result`) | ' +
      'not-traceable (with a reason).',
  })
  state: TraceState;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'What the trace established: summary, last legal holder, transfers (protobuf JSON TraceResult).',
  })
  result?: unknown;

  @ApiPropertyOptional({ description: 'The node whose answer set the state.' })
  by?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  at?: string;
}

/** Response of GET /v1/messages/:id/traces. */
export class TracesDto {
  @ApiProperty({ type: [TraceDto] })
  items: TraceDto[];
}
