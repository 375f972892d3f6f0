import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

/** The answers a user can give to a received message (`delivered` is sent by the node itself). */
export const USER_RECEIPT_KINDS = ['read', 'acknowledged', 'declined'] as const;
export type UserReceiptKind = (typeof USER_RECEIPT_KINDS)[number];

/** Body of POST /v1/messages/:id/receipts. */
export class ReceiptRequestDto {
  @ApiProperty({ enum: USER_RECEIPT_KINDS })
  @IsIn(USER_RECEIPT_KINDS)
  kind: UserReceiptKind;

  @ApiPropertyOptional({ description: 'Required for `declined`.', example: 'outside our jurisdiction' })
  @IsOptional()
  @IsString()
  reason?: string;
}
