import type { DescMessage } from '@bufbuild/protobuf';
import type { ApiBodyOptions } from '@nestjs/swagger';
import { readExample } from './examples.js';
import { protoJsonSchema } from './proto-schema.js';

/**
 * The request body documentation of an endpoint that takes a message in the protobuf JSON mapping:
 * its schema from the descriptor and, when the repository ships one, `docs/examples/<example>.json`.
 */
export function messageBody(desc: DescMessage, example: string, description: string): ApiBodyOptions {
  const sample = readExample(example);
  return {
    description,
    required: true,
    schema: { ...protoJsonSchema(desc), ...(sample === undefined ? {} : { example: sample }) },
  };
}
