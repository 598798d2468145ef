// Our JSON body parser, replacing Fastify's default so a malformed body becomes our own
// REQUEST.MALFORMED_JSON error (400) instead of a bare SyntaxError that Nest rewrites.
import type { FastifyInstance } from 'fastify';
import { MalformedJsonBody } from './request.errors';

class ForbiddenJsonKey extends Error {}

/**
 * Whether a body could hold a prototype-poisoning key: it names one, or escapes characters (which
 * could spell one). Only those are parsed with the checking reviver, which visits every value;
 * the rest, nearly every request, take plain JSON.parse.
 */
function mayPoisonPrototypes(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

/** Refuses prototype-poisoning keys, as Fastify's own parser does (`onProtoPoisoning: 'error'`). */
function rejectPrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new ForbiddenJsonKey(key);
  if (key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value) throw new ForbiddenJsonKey(key);
  return value;
}

export function installJsonBodyParser(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: bodyLimitBytes }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(new MalformedJsonBody('The body is empty but Content-Type is application/json'), undefined);
      return;
    }
    try {
      done(null, mayPoisonPrototypes(text) ? JSON.parse(text, rejectPrototypeKeys) : JSON.parse(text));
    } catch (error) {
      const message = error instanceof ForbiddenJsonKey ? `The body uses the forbidden key "${error.message}"` : 'The body is not valid JSON';
      done(new MalformedJsonBody(message), undefined);
    }
  });
}
