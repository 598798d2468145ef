// Test-only: records every route Fastify registers (Nest controllers, Swagger, anything else), so
// the route × role matrix can fail on a route nobody classified. Import RouteInventoryModule into
// the test app; its provider hooks `onRoute` while the app is built, before any route exists.
import { Injectable, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

@Injectable()
export class RouteInventory {
  private readonly seen: RegisteredRoute[] = [];

  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) this.seen.push({ method: String(method).toUpperCase(), url: route.url });
    });
  }

  /** Routes as `METHOD url`, without Fastify's automatic HEAD twins of GET routes. */
  routes(): string[] {
    const keys = this.seen.filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS').map((route) => `${route.method} ${route.url}`);
    return [...new Set(keys)].sort();
  }
}

@Module({ providers: [RouteInventory], exports: [RouteInventory] })
export class RouteInventoryModule {}
