import * as genai2 from '@google/genai';
import * as genai3 from 'genai-v3';
import OpenAI6, { toFile as toFile6 } from 'openai';
import OpenAI7, { toFile as toFile7 } from 'openai-v7';

/**
 * Every OpenAI SDK major the mock must serve: 6.x (what `npm install` resolves on Node 20) and 7.x,
 * the newest (its `engines` say Node ≥ 22; it runs on 20). Typed as 6.x: the suites assert the
 * wire, and both majors read it through the same public surface.
 */
export const OPENAI_SDKS = [
  { name: 'openai 6', OpenAI: OpenAI6, toFile: toFile6 },
  {
    name: 'openai 7',
    OpenAI: OpenAI7 as unknown as typeof OpenAI6,
    toFile: toFile7 as unknown as typeof toFile6,
  },
];

/** Every `@google/genai` major the mock must serve: 2.x (Node 20) and 3.x, the newest. */
export const GENAI_SDKS = [
  { name: '@google/genai 2', GoogleGenAI: genai2.GoogleGenAI, ApiError: genai2.ApiError, Type: genai2.Type },
  {
    name: '@google/genai 3',
    GoogleGenAI: genai3.GoogleGenAI as unknown as typeof genai2.GoogleGenAI,
    ApiError: genai3.ApiError as unknown as typeof genai2.ApiError,
    Type: genai3.Type as unknown as typeof genai2.Type,
  },
];
