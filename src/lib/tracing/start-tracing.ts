import { FastifyOtelInstrumentation } from '@fastify/otel';
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { FastifyPluginCallback } from 'fastify';

const UNTRACED_ROUTES = new Set(['/api/health', '/api/ready', '/metrics']);
const TRPC_PREFIX = '/api/trpc/';

/** What the app needs from tracing: a plugin for its Fastify instance, and a last flush on shutdown. */
export interface Tracing {
  fastifyPlugin: FastifyPluginCallback;
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `{endpoint}/v1/traces`. */
  endpoint: string;
  serviceName: string;
  serviceVersion?: string;
  /** The share of new traces kept (OTEL_TRACES_SAMPLER_ARG); a caller's sampled flag wins. */
  sampleRatio: number;
}

/**
 * Starts OpenTelemetry tracing: a span per request (with a child per hook and handler), one per
 * PostgreSQL query and pool checkout, the W3C `traceparent` of a caller honoured, sent in batches
 * over OTLP/HTTP (JSON). Must run before `pg` is first loaded, which is why main.ts imports this
 * module, and then the app, dynamically: an instance without the variable loads none of it.
 */
export function startTracing(options: TracingOptions): Tracing {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
    }),
    spanProcessors: [new BatchSpanProcessor({ exporter })],
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
  });
  trace.setGlobalTracerProvider(provider);
  // Fastify's instrumentation is a plugin the server registers, not a require hook, so it is
  // created here without patching and handed over.
  const fastify = new FastifyOtelInstrumentation({
    registerOnInitialization: false,
    // A span per hook (about ten per request here) halved throughput; the request and its handler say enough.
    instrumentHooks: false,
    // Probes every few seconds would drown the traces that matter.
    ignorePaths: ({ url }) => UNTRACED_ROUTES.has(url),
    requestHook: (span, request) => {
      const [path = ''] = request.url.split('?', 1);
      // The query string stays out: tRPC reads carry their input there, e-mail addresses included.
      span.setAttribute('url.path', path);
      const route = request.routeOptions.url ?? 'unmatched';
      span.updateName(`${request.method} ${route}`);
      if (path.startsWith(TRPC_PREFIX)) span.setAttribute('rpc.method', path.slice(TRPC_PREFIX.length));
    },
  });
  // Queries outside a request or a delivery (the worker's polling) would each be a trace of their own.
  registerInstrumentations({
    instrumentations: [new PgInstrumentation({ requireParentSpan: true }), fastify],
  });
  return {
    fastifyPlugin: fastify.plugin() as unknown as FastifyPluginCallback,
    shutdown: () => provider.shutdown(),
  };
}
