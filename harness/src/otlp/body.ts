import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { badRequest, OtlpHttpError, tooLarge } from './errors';

/** The sender went away mid-body: nobody is left to answer. */
export class RequestAborted extends Error {}

/** A streaming decompressor for `Content-Encoding`, or none for identity; 415 for others. */
function decompressor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | undefined {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return undefined;
  if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip();
  if (e === 'deflate') return zlib.createInflate(); // HTTP "deflate" is the zlib format
  throw new OtlpHttpError(415, `unsupported Content-Encoding: ${e}`);
}

/**
 * Read a request body, decompressing it, without ever holding more than `maxBytes` of it.
 * Both the bytes on the wire and the decompressed bytes are counted while they stream, so a
 * huge upload or a gzip bomb fails fast with 413 instead of growing memory. Rejects with an
 * `OtlpHttpError` (413/415/400 for a corrupt stream) or `RequestAborted`.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers['content-length']) > maxBytes) return Promise.reject(tooLarge(maxBytes));
  let decoder: zlib.Gunzip | zlib.Inflate | undefined;
  try {
    decoder = decompressor(req.headers['content-encoding']);
  } catch (err) {
    return Promise.reject(err);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      if (decoder) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      reject(err);
    };
    const out: Readable = decoder ?? req;
    out.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    out.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (err) => fail(new RequestAborted(err.message)));
    req.on('close', () => {
      if (!req.complete) fail(new RequestAborted('request closed before its body ended'));
    });
    if (decoder) {
      let wire = 0;
      req.on('data', (chunk: Buffer) => {
        wire += chunk.length;
        if (wire > maxBytes) fail(tooLarge(maxBytes));
      });
      decoder.on('error', (err) => fail(badRequest(`cannot decompress body: ${err.message}`)));
      req.pipe(decoder);
    }
  });
}
