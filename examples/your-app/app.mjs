// @ts-check
/**
 * An example of the app this harness is for: a small Express service in front of an LLM provider,
 * written the ordinary way — the official `openai` SDK, its own retry and timeout choices, and the
 * OpenTelemetry Node SDK (instrumentation.mjs) for traces. Point it at the mock and load-test it:
 *   POST /chat              direct completion, JSON answer
 *   POST /chat/stream       the provider's stream relayed to the app's own client as SSE
 *   POST /summarize-batch   fan-out: one completion per chunk of the input, answers joined
 * Body (what the harness driver sends): { input?, model?, maxTokens? }.
 * Env: EXAMPLE_PORT (8787), MOCK_PORT (4010) or OPENAI_BASE_URL, OPENAI_API_KEY (any non-empty key
 * for the mock), EXAMPLE_RETRIES (2: the SDK's retries, honouring retry-after; 0 = no retries),
 * EXAMPLE_TIMEOUT_MS (30000: per provider call), EXAMPLE_FANOUT (3: calls per /summarize-batch),
 * EXAMPLE_STREAM_BREAK (what /chat/stream does when the provider's stream breaks mid-answer:
 * `cut` (default) cuts its own stream too; `end` ends it cleanly as if complete — a common bug the
 * report calls degraded; `retry` asks the provider once more and relays the new answer whole).
 */
import express from 'express';
import OpenAI from 'openai';

const env = process.env;
const port = Number(env.EXAMPLE_PORT ?? 8787);
const fanOut = Math.max(1, Number(env.EXAMPLE_FANOUT ?? 3));
const defaultModel = env.EXAMPLE_MODEL ?? 'gpt-4o-mini';
const streamBreak = env.EXAMPLE_STREAM_BREAK ?? 'cut';

const openai = new OpenAI({
  baseURL: env.OPENAI_BASE_URL ?? `http://127.0.0.1:${env.MOCK_PORT ?? '4010'}/v1`,
  apiKey: env.OPENAI_API_KEY ?? 'sk-example-app',
  maxRetries: Number(env.EXAMPLE_RETRIES ?? 2),
  timeout: Number(env.EXAMPLE_TIMEOUT_MS ?? 30_000),
});

/**
 * The request as the app reads it.
 * @param {any} body
 */
function ask(body) {
  const b = body && typeof body === 'object' ? body : {};
  return {
    model: typeof b.model === 'string' ? b.model : defaultModel,
    input: typeof b.input === 'string' && b.input ? b.input : 'Say hello to the launch team in one sentence.',
    maxTokens: Number.isInteger(b.maxTokens) ? b.maxTokens : 256,
  };
}

/**
 * The app's own error answer: the provider's status passes through (429 stays 429), anything else
 * is a 502 (a timeout, a dropped connection).
 * @param {import('express').Response} res
 * @param {unknown} err
 */
function fail(res, err) {
  const status = err instanceof OpenAI.APIError && err.status ? err.status : 502;
  res.status(status >= 400 && status < 600 ? status : 502).json({
    error: { message: err instanceof Error ? err.message : String(err), type: err?.constructor?.name },
  });
}

const app = express();
app.use(express.json({ limit: '1mb' }));

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

app.post('/chat', async (req, res) => {
  const q = ask(req.body);
  try {
    const c = await openai.chat.completions.create({
      model: q.model,
      messages: [{ role: 'user', content: q.input }],
      max_tokens: q.maxTokens,
    });
    res.json({ answer: c.choices[0]?.message.content ?? '', usage: c.usage });
  } catch (err) {
    fail(res, err);
  }
});

/**
 * Open a provider stream for the request.
 * @param {ReturnType<typeof ask>} q
 */
const openStream = (q) =>
  openai.chat.completions.create({
    model: q.model,
    messages: [{ role: 'user', content: q.input }],
    max_tokens: q.maxTokens,
    stream: true,
  });

/**
 * Relay a provider stream to the app's client as SSE `delta` events.
 * @param {AsyncIterable<import('openai').OpenAI.Chat.Completions.ChatCompletionChunk>} stream
 * @param {import('express').Response} res
 */
async function relay(stream, res) {
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) res.write(`data: ${JSON.stringify({ delta })}\n\n`);
  }
}

app.post('/chat/stream', async (req, res) => {
  const q = ask(req.body);
  let stream;
  try {
    // The SDK retries the opening of the stream; once tokens flow, a break is the app's to handle.
    stream = await openStream(q);
  } catch (err) {
    fail(res, err);
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  try {
    await relay(stream, res);
  } catch {
    // The provider's stream broke mid-answer (EXAMPLE_STREAM_BREAK).
    if (streamBreak === 'cut') {
      res.destroy(); // cut ours too, so the client knows it is partial
      return;
    }
    if (streamBreak === 'retry') {
      try {
        res.write(`event: restart\ndata: {}\n\n`); // the client drops what it has so far
        await relay(await openStream(q), res);
      } catch {
        res.destroy();
        return;
      }
    }
    // `end`: fall through and close as if the answer were whole.
  }
  res.end('data: [DONE]\n\n');
});

app.post('/summarize-batch', async (req, res) => {
  const q = ask(req.body);
  const words = q.input.split(/\s+/);
  const size = Math.ceil(words.length / fanOut);
  const parts = Array.from({ length: fanOut }, (_, i) => words.slice(i * size, (i + 1) * size).join(' '));
  try {
    const answers = await Promise.all(
      parts.map((part) =>
        openai.chat.completions.create({
          model: q.model,
          messages: [{ role: 'user', content: `Summarize in one sentence: ${part || q.input}` }],
          max_tokens: Math.min(q.maxTokens, 128),
        }),
      ),
    );
    res.json({ summaries: answers.map((a) => a.choices[0]?.message.content ?? '') });
  } catch (err) {
    fail(res, err);
  }
});

const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const bound = address && typeof address === 'object' ? address.port : port;
  process.stdout.write(`example-app listening on http://127.0.0.1:${bound} (provider: ${openai.baseURL})\n`);
});
server.on('error', (e) => {
  process.stderr.write(`example-app cannot listen on 127.0.0.1:${port}: ${e.message}\n`);
  process.exit(1);
});
