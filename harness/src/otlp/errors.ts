/**
 * A request the receiver refuses, with the HTTP status to answer; the message goes into the
 * `google.rpc.Status` body so the sender can see why.
 */
export class OtlpHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'OtlpHttpError';
  }
}

/** 400: the body could not be decoded as an `ExportTraceServiceRequest`. */
export const badRequest = (message: string) => new OtlpHttpError(400, message);

/** 413: the body, after decompression, is over the limit. */
export const tooLarge = (limit: number) =>
  new OtlpHttpError(413, `request body exceeds ${limit} bytes after decompression`);
