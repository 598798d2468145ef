// Handler parameters filled from the access state: `@CurrentActor() actor: Actor` and
// `@CommandMeta() meta: EventMetadata` (who, when and why, R9) for the events a command appends.
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { EventMetadata } from '@lib/event-store';
import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor';
import { commandMetadataOf, requireActor } from './request-context';

export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => requireActor(context.switchToHttp().getRequest<FastifyRequest>()),
);

export const CommandMeta = createParamDecorator(
  (_data: unknown, context: ExecutionContext): EventMetadata => commandMetadataOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
