import type { SpanRow } from './span-row';

/**
 * Inserts one batch of rows; rejects when the store refuses them. Its own file because both the
 * span writer and the refused-row isolation take one, and neither should import the other.
 */
export type InsertRows = (rows: SpanRow[]) => Promise<void>;
