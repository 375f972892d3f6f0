import { applyDecorators } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiServiceUnavailableResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  AcceptedResponseDto,
  InvalidResponseDto,
  MalformedResponseDto,
  MessageErrorResponseDto,
} from './responses.dto.js';

/** The responses of an endpoint that sends a message through the outbox: 202, 400 (invalid or malformed), 503. */
export function ApiSubmissionResponses(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(InvalidResponseDto, MalformedResponseDto),
    ApiAcceptedResponse({
      type: AcceptedResponseDto,
      description:
        'Durably kept: `status: "accepted"` when JetStream acknowledged it within a moment, `"queued"` when it ' +
        'waits on the node’s disk for the link to the hub (it is then sent in order, once). Posting the same id ' +
        'again sends nothing new and answers `duplicate: true`.',
    }),
    ApiBadRequestResponse({
      description: 'Nothing was queued: the body breaks validation rules, or does not fit the schema.',
      schema: {
        oneOf: [{ $ref: getSchemaPath(InvalidResponseDto) }, { $ref: getSchemaPath(MalformedResponseDto) }],
      },
    }),
    ApiServiceUnavailableResponse({
      type: MessageErrorResponseDto,
      description: 'The node could not store the message (e.g. its disk is full); retry with the same id.',
    }),
  );
}
