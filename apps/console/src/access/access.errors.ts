/** The person is known but is no operator (HTTP 403). A token that does not hold is #access's TokenRefusedError (401). */
export class NotOperatorError extends Error {
  override readonly name = 'NotOperatorError';

  constructor(readonly reason: string) {
    super(`forbidden: ${reason}`);
  }
}
