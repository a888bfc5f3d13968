import type { ClientConfig } from '../config';
import type { ChatRequest } from '../types';

/**
 * Model routing: short, tool-free inputs (classification, extraction) go to the provider's cheap
 * model; everything else keeps the model asked for. Returns the model to call.
 */
export function routeModel(req: ChatRequest, s: ClientConfig['routing']): string {
  if (s === false || req.tools?.length) return req.model;
  const chars = req.messages.reduce((n, m) => n + m.content.length, 0);
  return chars <= s.maxInputChars ? (s.models[req.provider] ?? req.model) : req.model;
}
