/** The five integration patterns behind `POST /api/invoke/:pattern`. */
export { type InvokeResponse, invokePattern } from './invoke';
export { PATTERN_NAMES, type PatternDeps, type PatternName, type PatternRequest } from './types';
