/** A body on the advisories stream that is not a consumer advisory this hub understands. */
export class InvalidAdvisoryError extends Error {
  override readonly name = 'InvalidAdvisoryError';
}
