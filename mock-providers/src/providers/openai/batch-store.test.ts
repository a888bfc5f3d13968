import { describe, expect, it } from 'vitest';
import { batchPhase, type OpenAIBatch } from './batch-store';

const batch = (over: Partial<OpenAIBatch> = {}): OpenAIBatch => ({
  id: 'batch_1',
  endpoint: '/v1/chat/completions',
  inputFileId: 'file-1',
  metadata: null,
  createdAt: 0,
  durationMs: 1000,
  lines: [],
  invalid: [],
  cancelAt: null,
  outputFileId: null,
  errorFileId: null,
  counts: { completed: 0, failed: 0 },
  finished: false,
  ...over,
});

describe('OpenAI batch state machine', () => {
  it('moves validating → in_progress → finalizing → completed with time', () => {
    expect([0, 150, 850, 1000].map((t) => batchPhase(batch(), t).phase)).toEqual([
      'validating',
      'in_progress',
      'finalizing',
      'completed',
    ]);
    expect(batchPhase(batch(), 1000).at).toMatchObject({
      in_progress: 100,
      finalizing: 800,
      completed: 1000,
    });
  });

  it('fails after validation when the input is invalid', () => {
    const b = batch({ invalid: [{ code: 'invalid_json_line', message: 'x', param: null, line: 1 }] });
    expect(batchPhase(b, 50).phase).toBe('validating');
    expect(batchPhase(b, 500).phase).toBe('failed');
  });

  it('cancels: cancelling, then cancelled', () => {
    const b = batch({ cancelAt: 300 });
    expect(batchPhase(b, 310).phase).toBe('cancelling');
    expect(batchPhase(b, 2000).phase).toBe('cancelled');
  });
});
