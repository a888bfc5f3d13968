import type { MockContext } from '../../context';
import { randomAlnum, unixSeconds } from '../../http/ids';
import { defineSlot, stateOf } from '../../state-slots';

/** A file held by the mock (uploaded, or a batch's output/error file). */
export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
  createdAt: number;
  expiresAt: number | null;
}

/** The OpenAI `FileObject` of a stored file (wire-formats §2.6). */
export function fileObject(file: StoredFile) {
  return {
    id: file.id,
    object: 'file',
    bytes: Buffer.byteLength(file.content),
    created_at: unixSeconds(file.createdAt),
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    expires_at: file.expiresAt === null ? null : unixSeconds(file.expiresAt),
    status_details: null,
  };
}

/** Stores a file in the instance's store and returns it. */
export function putFile(
  ctx: MockContext,
  filename: string,
  purpose: string,
  content: string,
  expiresAfterSeconds?: number,
): StoredFile {
  const createdAt = ctx.clock();
  const file: StoredFile = {
    id: `file-${randomAlnum(22)}`,
    filename,
    purpose,
    content,
    createdAt,
    expiresAt: expiresAfterSeconds
      ? createdAt + expiresAfterSeconds * 1000
      : purpose === 'batch'
        ? createdAt + 30 * 86_400_000
        : null,
  };
  storedFiles(ctx).set(file.id, file);
  return file;
}

const FILES = defineSlot('openai.files', () => new Map<string, StoredFile>());

/** The files held by one instance (uploads and batch outputs), by id. */
export const storedFiles = (ctx: MockContext): Map<string, StoredFile> => stateOf(ctx, FILES);
