/**
 * Bad input to the model math: an invalid model definition, unknown weight ids, a matrix that does not fit
 * the model, an invalid targeting problem. The message is written for the person who sent the input; the
 * server maps this class to a 400/422 and lets anything else surface as a bug.
 */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}
