// Named domain errors, so adapters and handlers can tell an expected refusal from a fault.

/** Someone tried too many wrong receipt codes for one reference; they must wait. */
export class TooManyAttemptsError extends Error {
  override readonly name = 'TooManyAttemptsError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('too many wrong receipt codes for this reference');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
