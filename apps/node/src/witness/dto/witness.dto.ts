import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CheckpointRecord, StatementRecord, WitnessRecords } from '#trust';

/** OpenAPI description of a kept delivery statement (docs/protocol.md §5.1). */
export class StatementRecordDto implements StatementRecord {
  @ApiProperty({ description: 'Audit position (stream sequence) of the decision, decimal.', example: '42' })
  position: string;

  @ApiProperty({ description: 'Hash of that audit entry, lowercase hex.' })
  hash: string;

  @ApiProperty({ description: 'Time of the decision, as signed.', format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'The hub that signed.', example: 'hub' })
  hub: string;

  @ApiProperty({ description: 'The delivered message.' })
  id: string;

  @ApiProperty({ description: 'Its origin node.', example: 'kz-border' })
  origin: string;

  @ApiProperty({ description: "SHA-256 of the origin's signed bytes, lowercase hex." })
  digest: string;

  @ApiProperty({ description: 'Every recipient the hub named, ascending.', type: [String] })
  recipients: string[];

  @ApiProperty({ description: "The hub's public nkey." })
  key: string;

  @ApiProperty({ description: 'Ed25519 signature, base64url without padding.' })
  signature: string;
}

/** OpenAPI description of a kept checkpoint. */
export class CheckpointRecordDto implements CheckpointRecord {
  @ApiProperty({ description: 'Audit position of the checkpoint (or rollover), decimal.', example: '1001' })
  position: string;

  @ApiProperty({ description: 'Its signed time.', format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'The AuditEntry exactly as the audit stream holds it, base64.' })
  entry: string;
}

/** OpenAPI description of what the node witnessed of the audit chain. */
export class WitnessRecordsDto implements WitnessRecords {
  @ApiProperty({ example: 'kz-border' })
  node: string;

  @ApiProperty({ type: [CheckpointRecordDto] })
  checkpoints: CheckpointRecordDto[];

  @ApiProperty({ type: [StatementRecordDto] })
  statements: StatementRecordDto[];

  @ApiPropertyOptional({ description: 'More statements follow: pass this as `since`.' })
  next?: string;
}
