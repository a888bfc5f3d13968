import type { FaultKind } from '../faults/kinds';
import { drawTiming, type Timing } from '../latency/model';
import { Lru } from '../lru';
import type { ModelSpec } from '../models/catalog';
import { generateFromSchema, type JsonSchema } from './json-schema';
import { type Rng, requestRng } from './rng';
import { capText, defaultAnswerTokens, generateText } from './text';
import { countTokens } from './tokens';

/** A tool the caller bound, reduced to what the generator needs. */
export interface ToolSpec {
  name: string;
  schema: JsonSchema;
}

/** Provider-neutral view of a generation request (built by each provider's parse step). */
export interface GenerationRequest {
  model: ModelSpec;
  /** Canonical request body text: with seed and model, the only input of the content. */
  bodyKey: string;
  promptTokens: number;
  maxTokens: number | undefined;
  choices: number;
  tools: ToolSpec[];
  /** `auto` calls the first tool; a name forces that tool; `none` answers text. */
  toolChoice: 'auto' | 'none' | { name: string };
  lastIsToolResult: boolean;
  format: { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: JsonSchema };
}

/** One generated answer: text or a single tool call. */
export type Output =
  | { kind: 'text'; text: string; tokens: number; finish: 'stop' | 'length' | 'content_filter' }
  | { kind: 'tool'; name: string; args: string; tokens: number; finish: 'tool' };

/**
 * What the mock decided for one request: the timing and every choice's output. Content faults
 * (`content_filter`, `incomplete_json`) rewrite the outputs and set `fault`; renderers read only
 * this object.
 */
export interface Decision {
  timing: Timing;
  outputs: Output[];
  fault?: FaultKind;
}

function textOutput(req: GenerationRequest, rng: Rng, cap: number): Output {
  const target = defaultAnswerTokens(rng, req.promptTokens);
  const capped =
    req.format.type === 'text' ? generateText(rng, target, cap) : capText(jsonAnswer(req, rng, target), cap);
  return {
    kind: 'text',
    text: capped.text,
    tokens: capped.tokens,
    finish: capped.truncated ? 'length' : 'stop',
  };
}

/** A JSON-mode answer (the prose is drawn first either way, so the rng sequence stays the same). */
function jsonAnswer(req: GenerationRequest, rng: Rng, target: number): string {
  const prose = generateText(rng, target, Number.POSITIVE_INFINITY).text;
  return req.format.type === 'json_schema'
    ? JSON.stringify(generateFromSchema(req.format.schema, rng))
    : JSON.stringify({ answer: prose, confidence: rng.int(1, 99) / 100 });
}

function pickTool(req: GenerationRequest): ToolSpec | undefined {
  if (req.tools.length === 0 || req.toolChoice === 'none' || req.lastIsToolResult) return undefined;
  if (typeof req.toolChoice === 'object') {
    const forced = req.toolChoice.name;
    return req.tools.find((t) => t.name === forced) ?? req.tools[0];
  }
  return req.tools[0];
}

/**
 * Decisions by (seed, time scale, model, canonical body), the recently used ones kept. `decide` is a
 * pure function of those, and under load the same requests come back again and again; text
 * generation and BPE are the costliest steps of a request. Frozen: fault rewrites copy, never
 * change, a decision.
 */
const decisions = new Lru<string, Decision>(2048);
/** Longer bodies are decided every time (bounds the cache's memory). */
const DECISION_MAX_KEY = 32_768;

/** Decides the content and timing of one generation: a pure function of (seed, request). */
export function decide(req: GenerationRequest, seed: number, timeScale: number): Decision {
  if (req.bodyKey.length > DECISION_MAX_KEY) return decideUncached(req, seed, timeScale);
  // A request object seen before (a memoised parse) finds its decision without hashing its body.
  const own = byRequest.get(req);
  if (own && own.seed === seed && own.timeScale === timeScale) return own.decision;
  const key = `${seed}|${timeScale}|${req.model.id}|${req.bodyKey}`;
  let decision = decisions.get(key);
  if (!decision) {
    decision = freezeDecision(decideUncached(req, seed, timeScale));
    decisions.set(key, decision);
  }
  byRequest.set(req, { seed, timeScale, decision });
  return decision;
}

/** The last decision per request object (seed and time scale can change at runtime). */
const byRequest = new WeakMap<GenerationRequest, { seed: number; timeScale: number; decision: Decision }>();

function freezeDecision(d: Decision): Decision {
  for (const o of d.outputs) Object.freeze(o);
  Object.freeze(d.outputs);
  Object.freeze(d.timing);
  return Object.freeze(d);
}

function decideUncached(req: GenerationRequest, seed: number, timeScale: number): Decision {
  const cap = Math.min(req.maxTokens ?? req.model.maxOutputTokens, req.model.maxOutputTokens);
  const outputs: Output[] = [];
  for (let i = 0; i < req.choices; i++) {
    const rng = requestRng(seed, req.model.id, req.bodyKey, `choice:${i}`);
    const tool = pickTool(req);
    if (tool) {
      const args = JSON.stringify(generateFromSchema(tool.schema, rng));
      outputs.push({
        kind: 'tool',
        name: tool.name,
        args,
        tokens: countTokens(tool.name) + countTokens(args),
        finish: 'tool',
      });
    } else {
      outputs.push(textOutput(req, rng, cap));
    }
  }
  const timing = drawTiming(req.model, requestRng(seed, req.model.id, req.bodyKey, 'timing'), timeScale);
  return { timing, outputs };
}

/** Sum of output tokens over all choices (what usage reports). */
export function outputTokens(decision: Decision): number {
  return decision.outputs.reduce((sum, o) => sum + o.tokens, 0);
}
