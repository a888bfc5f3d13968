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

const finishOf = (o: Output): string =>
  o.kind === 'text' && o.finish === 'length'
    ? 'MAX_TOKENS'
    : o.kind === 'text' && o.finish === 'content_filter'
      ? 'SAFETY'
      : 'STOP';

/** Ratings a candidate blocked for safety carries (one category HIGH and blocked). */
const SAFETY_RATINGS = [
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
];

const safety = (o: Output) =>
  o.kind === 'text' && o.finish === 'content_filter' ? { safetyRatings: SAFETY_RATINGS } : {};

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
      // a candidate blocked before any text carries no content, as the real API answers
      ...(o.kind === 'text' && o.finish === 'content_filter' && !o.text
        ? {}
        : { content: { role: 'model', parts: [partOf(o)] } }),
      finishReason: finishOf(o),
      ...safety(o),
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
        {
          content: { role: 'model', parts },
          ...(finish ? { finishReason: finish, ...safety(o) } : {}),
          index: 0,
        },
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
