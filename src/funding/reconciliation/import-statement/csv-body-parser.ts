// Teaches Fastify to read `text/csv` bodies (as a UTF-8 string, capped), for the statement import
// only: the parser answers 415 on every other route, as Fastify did before it existed, so JSON
// routes are undisturbed. Registered while the app is built (before Fastify is ready), like other
// Fastify hooks; the import route itself refuses any body that is not CSV text.
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export const CSV_CONTENT_TYPE = 'text/csv';
export const STATEMENTS_ROUTE = '/v1/reconciliation/statements';
/** 2,000 lines of at most ~450 characters: larger files are refused with 413 before parsing. */
export const STATEMENT_BODY_LIMIT_BYTES = 1_048_576;

@Injectable()
export class CsvBodyParser {
  constructor(adapterHost: HttpAdapterHost) {
    // The CLI builds the modules without an HTTP server: nothing to teach then.
    const adapter = adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | null | undefined;
    if (adapter === null || adapter === undefined) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser(CSV_CONTENT_TYPE)) return;
    fastify.addContentTypeParser(CSV_CONTENT_TYPE, { parseAs: 'string', bodyLimit: STATEMENT_BODY_LIMIT_BYTES }, (request, body, done) => {
      if (request.routeOptions.url !== STATEMENTS_ROUTE) {
        done(Object.assign(new Error(`Unsupported Media Type: ${CSV_CONTENT_TYPE}`), { statusCode: 415 }), undefined);
        return;
      }
      done(null, typeof body === 'string' ? body : body.toString('utf8'));
    });
  }
}
