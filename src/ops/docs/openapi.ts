// OpenAPI document of every controller: Swagger UI at /docs, the JSON at /docs-json (DESIGN §4).
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const API_KEY_SECURITY = 'api-key';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Responsible Cobalt Credit registry')
    .setDescription(
      'Issue, buy, transfer and retire Responsible Cobalt Credits, and follow the money to the mine site. ' +
        'Errors are `{"error":{"code","message","details"}}`; money is `{"currency","value"}` in integer minor units.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key: `crk_<keyId>_<secret>`' }, API_KEY_SECURITY)
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** `ui: false` serves only /docs-json (the UI needs @fastify/static, which Jest cannot load). */
export function setupOpenApi(app: INestApplication, { ui }: { ui: boolean }): void {
  // A factory: the document is built on the first request, after every module has registered.
  let document: OpenAPIObject | null = null;
  SwaggerModule.setup('docs', app, () => (document ??= buildOpenApiDocument(app)), {
    ui,
    jsonDocumentUrl: 'docs-json',
    raw: ['json'],
  });
}
