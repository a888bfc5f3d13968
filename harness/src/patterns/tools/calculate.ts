import type { ToolDefinition } from '../../client/types';

/** Arithmetic the agent may ask for; a closed set of operations, never `eval`. */
export const calculateTool: ToolDefinition = {
  name: 'calculate',
  description: 'Perform an arithmetic operation on two numbers, e.g. growth between two months.',
  parameters: {
    type: 'object',
    properties: {
      operation: { type: 'string', enum: ['add', 'subtract', 'multiply', 'divide', 'percent_change'] },
      a: { type: 'number', minimum: -1e9, maximum: 1e9 },
      b: { type: 'number', minimum: -1e9, maximum: 1e9 },
    },
    required: ['operation', 'a', 'b'],
    additionalProperties: false,
  },
};

/** Evaluate a calculate call; bad arguments give an error message the model can read. */
export function calculate(args: { operation?: unknown; a?: unknown; b?: unknown }): string {
  const a = Number(args.a);
  const b = Number(args.b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 'error: a and b must be numbers';
  switch (args.operation) {
    case 'add':
      return String(a + b);
    case 'subtract':
      return String(a - b);
    case 'multiply':
      return String(a * b);
    case 'divide':
      return b === 0 ? 'error: division by zero' : String(a / b);
    case 'percent_change':
      return a === 0 ? 'error: percent change from zero' : `${(((b - a) / Math.abs(a)) * 100).toFixed(2)}%`;
    default:
      return `error: unknown operation ${JSON.stringify(args.operation)}`;
  }
}
