import { ApiProperty } from '@nestjs/swagger';

/** One broken rule, named by the field's JSON path. */
export class ViolationDto {
  @ApiProperty({ example: 'texts[0].headline' })
  field: string;

  @ApiProperty({ example: 'is required' })
  reason: string;
}

/** 400: the request breaks validation rules. */
export class InvalidResponseDto {
  @ApiProperty({ enum: ['invalid'] })
  error: 'invalid';

  @ApiProperty({ type: [ViolationDto] })
  violations: ViolationDto[];
}

/** 400: the body does not fit the message schema at all. */
export class MalformedResponseDto {
  @ApiProperty({ enum: ['malformed'] })
  error: 'malformed';

  @ApiProperty({ example: 'cannot decode field borderlink.v1.Alert.category from JSON: "CATEGORY_X"' })
  detail: string;
}

/** 404, 409 or 503 about one message. */
export class MessageErrorResponseDto {
  @ApiProperty({ enum: ['not-found', 'unverified', 'unavailable'] })
  error: string;

  @ApiProperty()
  id: string;
}

/** 503: the access log could not record who is handed the content, so none is handed out. */
export class AccessLogUnavailableResponseDto {
  @ApiProperty({ enum: ['access-log-unavailable'] })
  error: 'access-log-unavailable';
}

/**
 * 202: the message is durably kept and will be sent and routed: `accepted` when JetStream already
 * stored it, `queued` when it waits in the node's outbox for the link (it is sent, in order, when
 * the link returns).
 */
export class AcceptedResponseDto {
  @ApiProperty({ example: '01920c4e-7d4b-7c1a-9d3e-3f1b2a4c5d6e' })
  id: string;

  @ApiProperty({
    enum: ['accepted', 'queued'],
    description:
      '`accepted`: JetStream acknowledged it, the hub routes it. `queued`: stored on the node’s disk, ' +
      'sent when the link to the hub allows; follow it with GET /v1/messages/{id}.',
  })
  status: 'accepted' | 'queued';

  @ApiProperty({
    description: 'True when this id was already queued or accepted (a retry): nothing new was sent.',
  })
  duplicate: boolean;
}

/** 401, 403 or 429 at the node's door. */
export class RefusalResponseDto {
  @ApiProperty({ enum: ['unauthenticated', 'forbidden', 'rate-limited'] })
  error: 'unauthenticated' | 'forbidden' | 'rate-limited';

  @ApiProperty({ example: 'this needs the role supervisor' })
  reason: string;
}
