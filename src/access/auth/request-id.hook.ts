// Gives every request a correlation id and echoes it in `X-Request-Id` (R9). A Fastify onRequest
// hook rather than Nest middleware: it runs for every request, unknown routes and requests a guard
// refuses included, and it spares each request Nest's middleware plumbing (@fastify/middie).
import type { FastifyInstance } from 'fastify';
import { initAccessState } from './request-context';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Fastify names each request with the app's `genReqId` (the caller's sane `X-Request-Id`, or a
 * fresh UUID: see src/ops/logging), so logs, this header and the events' metadata share one id.
 */
export function installRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    initAccessState(request, request.id);
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
