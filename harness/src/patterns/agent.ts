import type { CallOutcome } from '../client/call-outcome';
import { ClassifiedError } from '../client/error-class';
import type { ChatMessage, ToolCall } from '../client/types';
import { GEN_AI } from '../telemetry/attributes';
import { defaultInput } from './default-inputs';
import { inStep } from './step-span';
import { calculate, calculateTool } from './tools/calculate';
import { databaseTool, queryDatabase } from './tools/database';
import { search, searchTool } from './tools/search';
import { apiOf, type PatternContext, type PatternDeps, type PatternRunner } from './types';

/** Most model turns one unit of agent work may take (the loop is bounded, never open-ended). */
export const MAX_AGENT_STEPS = 6;

const TOOLS = [searchTool, calculateTool, databaseTool];

async function runTool(
  call: ToolCall,
  deps: PatternDeps,
  ctx: PatternContext,
  calls: CallOutcome<unknown>[],
): Promise<string> {
  let args: Record<string, unknown>;
  try {
    args = JSON.parse(call.arguments || '{}') as Record<string, unknown>;
  } catch {
    return 'error: tool arguments are not valid JSON';
  }
  return inStep(
    deps.tracer,
    ctx.parent,
    `execute_tool ${call.name}`,
    {
      [GEN_AI.operationName]: 'execute_tool',
      [GEN_AI.toolName]: call.name,
      [GEN_AI.toolCallId]: call.id,
      [GEN_AI.toolType]: call.name === 'database' ? 'datastore' : 'function',
    },
    async (stepCtx) => {
      if (call.name === 'calculate') return calculate(args);
      if (call.name === 'database') return queryDatabase(deps.store, args);
      if (call.name === 'search') {
        const r = await search(deps, { ...ctx, parent: stepCtx }, args);
        calls.push(r.call);
        return r.text;
      }
      return `error: unknown tool ${call.name}`;
    },
  );
}

/**
 * Pattern 5, agent: a tool-calling loop (search, calculate, database) until the model answers in
 * text or the step bound is hit. Each model turn and each tool run is a span.
 */
export const agent: PatternRunner = async (req, deps, ctx) => {
  const t0 = performance.now();
  const messages: ChatMessage[] = [
    {
      role: 'system',
      content: 'You are an operations assistant. Use the tools to find facts, then answer briefly.',
    },
    { role: 'user', content: req.input ?? defaultInput('agent') },
  ];
  const calls: CallOutcome<unknown>[] = [];
  for (let step = 1; step <= MAX_AGENT_STEPS; step++) {
    const turnStart = performance.now() - t0;
    const o = await deps.client.chat(
      {
        provider: req.provider,
        model: req.model,
        ...apiOf(req),
        stream: false,
        maxTokens: req.maxTokens ?? 512,
        messages,
        tools: TOOLS,
      },
      { ...ctx, pattern: 'agent', headers: ctx.headers },
    );
    calls.push(o);
    if (!o.ok)
      return {
        ok: false,
        error: o.error,
        text: '',
        calls,
        steps: step,
        ttftMs: undefined,
        tpotMs: undefined,
      };
    if (o.value.toolCalls.length === 0) {
      return {
        ok: true,
        text: o.value.text,
        calls,
        steps: step,
        ttftMs: o.ttftMs === undefined ? undefined : turnStart + o.ttftMs,
        tpotMs: undefined,
      };
    }
    messages.push({ role: 'assistant', content: o.value.text, toolCalls: o.value.toolCalls });
    for (const call of o.value.toolCalls) {
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        toolName: call.name,
        content: await runTool(call, deps, ctx, calls),
      });
    }
  }
  return {
    ok: false,
    error: new ClassifiedError('unknown', `agent did not finish within ${MAX_AGENT_STEPS} steps`, {
      retryable: false,
    }),
    text: '',
    calls,
    steps: MAX_AGENT_STEPS,
    ttftMs: undefined,
    tpotMs: undefined,
  };
};
