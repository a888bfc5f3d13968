import type { Usage } from '../../cost/cost';
import { classifyError } from '../classify';
import { ClassifiedError } from '../error-class';
import { estimateTokens } from '../estimate-tokens';
import type { AttemptOptions, ChatRequest, ChatResult, ToolCall } from '../types';

/**
 * Collects one streamed answer the same way for every provider: content timing (TTFT counts only
 * content-bearing chunks), usage (reported, or estimated and marked), and how the stream ended.
 * A stream that ends without its finish marker is an `sse_drop`, billed for what it generated.
 */
export class StreamAccumulator {
  text = '';
  toolCalls: ToolCall[] = [];
  finishReasons: string[] = [];
  responseId = '';
  responseModel = '';
  /** Set by the adapter when it saw the provider's explicit end-of-stream event. */
  ended = false;
  readonly #chunkTimes: number[] = [];
  #usage: Usage | undefined;

  constructor(
    private readonly req: ChatRequest,
    private readonly started: number,
    private readonly o: AttemptOptions,
  ) {}

  /** Record one chunk; `content` tells whether it carried text or tool-call arguments. */
  chunk(content: boolean): void {
    this.o.onChunk();
    if (!content) return;
    this.#chunkTimes.push(performance.now() - this.started);
    this.o.onContent();
  }

  reportUsage(u: Usage): void {
    this.#usage = { ...this.#usage, ...u };
  }

  /** Tokens consumed so far: reported where the provider said, else estimated from what was sent and arrived. */
  usageSoFar(): Usage {
    return {
      inputTokens:
        this.#usage?.inputTokens || estimateTokens(this.req.messages.map((m) => m.content).join('\n')),
      outputTokens:
        this.#usage?.outputTokens ||
        estimateTokens(this.text + this.toolCalls.map((t) => t.arguments).join('')),
      ...(this.#usage?.cachedInputTokens ? { cachedInputTokens: this.#usage.cachedInputTokens } : {}),
    };
  }

  /** Classify a mid-stream failure, attaching what the broken stream still cost. */
  fail(e: unknown): ClassifiedError {
    const c = classifyError(this.o.signal.aborted ? (this.o.signal.reason ?? e) : e, 'stream');
    return new ClassifiedError(c.errorClass, c.message, {
      ...c.details,
      usage: this.usageSoFar(),
      retryable: c.retryable,
    });
  }

  finish(): ChatResult {
    // Some SDKs end the iteration quietly when our idle or attempt timer aborts: the reason we
    // aborted with is what happened, not a dropped connection.
    if (this.o.signal.aborted) throw this.fail(this.o.signal.reason);
    if (this.finishReasons.length === 0) {
      throw new ClassifiedError('sse_drop', 'stream ended before its finish event (connection dropped)', {
        usage: this.usageSoFar(),
      });
    }
    const estimated = this.#usage === undefined;
    const usage: Usage = this.#usage ?? this.usageSoFar();
    const times = this.#chunkTimes;
    const result: ChatResult = {
      text: this.text,
      toolCalls: this.toolCalls,
      finishReasons: this.finishReasons,
      usage,
      usageEstimated: estimated,
      responseModel: this.responseModel || this.req.model,
      responseId: this.responseId,
      ttftMs: times[0] ?? performance.now() - this.started,
      chunkTimesMs: times,
    };
    return finishJson(this.req, result);
  }
}

/** Content-filter endings and JSON-mode answers are checked the same way for every provider. */
export function finishJson(req: ChatRequest, result: ChatResult): ChatResult {
  const filtered = result.finishReasons.some((r) =>
    /content_filter|SAFETY|refusal|PROHIBITED|BLOCKLIST/i.test(r),
  );
  if (filtered) {
    throw new ClassifiedError(
      'content_filter',
      `answer blocked (finish reason ${result.finishReasons.join(',')})`,
      {
        usage: result.usage,
      },
    );
  }
  if (!req.jsonMode || result.toolCalls.length > 0) return result;
  try {
    return { ...result, json: JSON.parse(result.text) };
  } catch {
    throw new ClassifiedError('incomplete_json', 'JSON-mode answer does not parse (truncated?)', {
      usage: result.usage,
    });
  }
}
