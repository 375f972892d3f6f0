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
} from '../common/dto/error-responses.dto.js';

/** The responses of an endpoint that publishes a message: 202, 400 (invalid or malformed), 503. */
export function ApiSubmissionResponses(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(InvalidResponseDto, MalformedResponseDto),
    ApiAcceptedResponse({
      type: AcceptedResponseDto,
      description: 'Durably accepted (JetStream acknowledged); posting the same id again answers the same.',
    }),
    ApiBadRequestResponse({
      description: 'Nothing was published: the body breaks validation rules, or does not fit the schema.',
      schema: {
        oneOf: [{ $ref: getSchemaPath(InvalidResponseDto) }, { $ref: getSchemaPath(MalformedResponseDto) }],
      },
    }),
    ApiServiceUnavailableResponse({
      type: MessageErrorResponseDto,
      description: 'JetStream did not acknowledge; retry with the same id.',
    }),
  );
}
