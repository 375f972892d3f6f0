import type { Evaluation } from '../gen/borderlink/v1/common_pb.js';
import { InformationReliabilitySchema, SourceReliabilitySchema } from '../gen/borderlink/v1/common_pb.js';
import { checkEnum } from './enum.rules.js';
import { fieldPath } from './path.js';
import type { Violations } from './violation.js';

/** Checks a 4x4 evaluation (Europol Regulation Art. 29): when present, both grades are required. */
export function checkEvaluation(
  out: Violations,
  path: string,
  evaluation: Evaluation | undefined,
  required: boolean,
): void {
  if (evaluation === undefined) {
    if (required) out.push({ field: path, reason: 'is required' });
    return;
  }
  checkEnum(out, fieldPath(path, 'source'), SourceReliabilitySchema, evaluation.source, true);
  checkEnum(out, fieldPath(path, 'information'), InformationReliabilitySchema, evaluation.information, true);
}
