// @ts-check
/** Realistic inputs per pattern (sizes follow the seeds: short direct calls, long streamed answers). */

/** Classification-sized prompt for direct calls (< 500 output tokens, answer in < 3 s). */
export const CLASSIFY =
  'Classify this support ticket as billing, bug, feature_request or other, and give a one-line reason: ' +
  '"I was charged twice for my March invoice and the second charge has not been refunded yet."';

/** Long-form prompt for streaming chat (user-facing, > 500 tokens). */
export const CHAT =
  'Explain, step by step, how to migrate a PostgreSQL 13 database to PostgreSQL 16 with minimal downtime, ' +
  'covering logical replication, extension compatibility and the cut-over checklist.';

/** A knowledge-base question for RAG. */
export const QUESTION = 'What is our refund policy for annual plans cancelled after 45 days?';

/** An agent task that needs several tool calls. */
export const AGENT_TASK =
  'Find the total sales for last month and calculate growth against the month before.';

/** One labelling item: the batch pattern submits each request as an item of a provider batch job. */
export const BATCH_ITEM =
  'Label the sentiment (positive, neutral, negative) of this review: "Delivery was late but support fixed it."';
