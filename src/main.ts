import { EnvError, parseEnv } from './env.ts';
import { createLogger } from './lib/logger.ts';

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(env.LOG_LEVEL);
// Tracing patches `pg` as it loads, so it starts before the app is imported; without the variable
// none of it is loaded at all.
const tracing = env.OTEL_EXPORTER_OTLP_ENDPOINT
  ? (await import('./lib/tracing/start-tracing.ts')).startTracing({
      endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: env.OTEL_SERVICE_NAME,
      sampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
    })
  : undefined;
const { startApp } = await import('./app.ts');
const running = await startApp({ env, logger, ...(tracing ? { tracing } : {}) });
const address = await running.listen({ port: env.PORT, host: env.HOST });
logger.info(
  {
    address,
    url: env.PUBLIC_BASE_URL,
    database: running.container.database.kind,
    redis: Boolean(env.REDIS_URL),
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT ?? false,
  },
  'Immersio Booking Service is up',
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests and deliveries');
  const timer = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  try {
    await running.close();
    logger.info('stopped cleanly');
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'error during shutdown');
    process.exit(1);
  }
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
