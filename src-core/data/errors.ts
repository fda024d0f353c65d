import { BadInputError } from '../errors';

/** Bad data: the message names the row (1-based, the header is row 1) and column where known, and what would be valid. */
export class DataError extends BadInputError {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}
