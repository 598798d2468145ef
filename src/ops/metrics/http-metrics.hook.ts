// Times every HTTP response into http_request_duration_seconds, labelled by the route template
// (`/v1/sites/:id`), never the raw URL, so label cardinality stays bounded.
import type { FastifyInstance } from 'fastify';
import { AppMetrics } from './app-metrics';

export function registerHttpMetrics(fastify: FastifyInstance, metrics: AppMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequestDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
