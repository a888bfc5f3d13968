import type { PatternName } from './types';

/**
 * Realistic default prompts per pattern (what the seed's examples do), so a scenario without
 * `input` still sends work of the right shape and size. Picked by a stable index, not at random.
 */
const INPUTS: Record<PatternName, readonly string[]> = {
  direct: [
    'Summarize concisely: Our quarterly revenue grew 12% while support tickets fell 8% after the new onboarding flow shipped.',
    'Classify the sentiment of this review as positive, neutral or negative: "Delivery was late but the product is great."',
    'Extract the city and date from: "Meet me in Lisbon on the 3rd of March at the usual place."',
  ],
  streaming: [
    'Write a friendly, detailed reply to a customer asking how to migrate their account to the new billing plan.',
    'Explain, step by step, how retries with exponential backoff and jitter protect an API from a thundering herd.',
  ],
  batch: [
    'Label the topic of this support ticket (billing, shipping, account, other): "I was charged twice this month."',
    'Label the topic of this support ticket (billing, shipping, account, other): "My parcel is stuck in customs."',
  ],
  rag: [
    'What is our refund policy for annual plans?',
    'How long does international shipping take?',
    'How do I rotate an API key?',
  ],
  agent: [
    'Find the total sales for last month and calculate the growth against the month before.',
    'How many failed requests did the last run have, and what share of all requests is that?',
  ],
};

/** The default input for a pattern, stable for a given index. */
export function defaultInput(pattern: PatternName, index = 0): string {
  const list = INPUTS[pattern];
  return list[index % list.length] as string;
}
