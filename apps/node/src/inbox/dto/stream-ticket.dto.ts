import { ApiProperty } from '@nestjs/swagger';

/** Answer of POST /v1/inbox/stream-tickets. */
export class StreamTicketDto {
  @ApiProperty({ description: 'Pass it as `?ticket=` to GET /v1/inbox/stream, once.' })
  ticket: string;

  @ApiProperty({ description: 'Seconds within which it must be used.', example: 30 })
  expiresIn: number;
}
