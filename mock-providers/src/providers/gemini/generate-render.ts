import type { Decision, Output } from '../../content/decision';
import { outputTokens } from '../../content/decision';
import { splitByTokens } from '../../content/tokens';
import type { TimedEvent } from '../../sse';

/** Identity of one Gemini response. */
export interface GenerateMeta {
  responseId: string;
  modelVersion: string;
  promptTokens: number;
}

const finishOf = (o: Output): string => (o.kind === 'text' && o.finish === 'length' ? 'MAX_TOKENS' : 'STOP');

const partOf = (o: Output) =>
  o.kind === 'text'
    ? { text: o.text }
    : { functionCall: { name: o.name, args: JSON.parse(o.args) as unknown } };

const usage = (meta: GenerateMeta, candidates: number) => ({
  promptTokenCount: meta.promptTokens,
  candidatesTokenCount: candidates,
  totalTokenCount: meta.promptTokens + candidates,
  promptTokensDetails: [{ modality: 'TEXT', tokenCount: meta.promptTokens }],
});

/** The non-stream `GenerateContentResponse` (wire-formats §4.3). */
export function renderGenerate(meta: GenerateMeta, decision: Decision) {
  return {
    candidates: decision.outputs.map((o, index) => ({
      content: { role: 'model', parts: [partOf(o)] },
      finishReason: finishOf(o),
      index,
    })),
    usageMetadata: usage(meta, outputTokens(decision)),
    modelVersion: meta.modelVersion,
    responseId: meta.responseId,
  };
}

/**
 * The timed `data:` chunks of `:streamGenerateContent?alt=sse` (§4.4): text fragments of a few
 * tokens each with cumulative usage; the last chunk carries `finishReason`. No terminator.
 */
export function renderGenerateStream(meta: GenerateMeta, decision: Decision): TimedEvent[] {
  const o = decision.outputs[0] as Output;
  const { ttftMs, perTokenMs } = decision.timing;
  const chunk = (parts: unknown[], sent: number, finish?: string) =>
    JSON.stringify({
      candidates: [
        { content: { role: 'model', parts }, ...(finish ? { finishReason: finish } : {}), index: 0 },
      ],
      usageMetadata: usage(meta, sent),
      modelVersion: meta.modelVersion,
      responseId: meta.responseId,
    });
  if (o.kind === 'tool') return [{ at: ttftMs, data: chunk([partOf(o)], o.tokens, 'STOP') }];
  const per = 4;
  const pieces = splitByTokens(o.text, per);
  if (pieces.length === 0) return [{ at: ttftMs, data: chunk([{ text: '' }], 0, finishOf(o)) }];
  return pieces.map((text, i) => {
    const last = i === pieces.length - 1;
    const sent = last ? o.tokens : Math.min(o.tokens, (i + 1) * per);
    return {
      at: ttftMs + i * per * perTokenMs,
      data: chunk([{ text }], sent, last ? finishOf(o) : undefined),
    };
  });
}
