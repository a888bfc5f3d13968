import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createMockServer } from 'mock-providers';
import { harnessConfigFromEnv } from '../config';

/**
 * `harness mock`: the mock providers on their own. chDB allows one process per folder, so this
 * process never opens the store: it ships its ground-truth spans over OTLP to the harness receiver
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, default the local receiver on OTLP_PORT).
 */
export async function mockCommand(): Promise<void> {
  const config = harnessConfigFromEnv();
  const endpoint = (process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? `http://127.0.0.1:${config.otlpPort}`).replace(
    /\/$/,
    '',
  );
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'mock-providers' }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), {
        maxQueueSize: 65_536,
        scheduledDelayMillis: 500,
      }),
    ],
  });
  const server = await createMockServer({
    port: config.mockPort,
    host: config.mock.host,
    tracerProvider: provider,
    ...(config.mock.seed === undefined ? {} : { seed: config.mock.seed }),
    ...(config.mock.timeScale === undefined ? {} : { timeScale: config.mock.timeScale }),
    ...(config.mock.profile === undefined ? {} : { profile: config.mock.profile }),
  });
  const out = process.stdout;
  out.write(`mock providers on ${server.url}\n`);
  out.write(
    `  OpenAI     baseURL ${server.url}/v1\n  Anthropic  baseURL ${server.url}\n  Gemini     httpOptions.baseUrl ${server.url}\n`,
  );
  out.write(`  admin      ${server.url}/__admin/config · /__admin/profiles · /__admin/stats\n`);
  out.write(`  ground-truth spans → ${endpoint}/v1/traces\nPress Ctrl-C to stop.\n`);
  const stop = () => {
    void server
      .close()
      .then(() => provider.shutdown())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
