// Thin: the issuer holds the rules shared with the bootstrap key and the CLI.
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyIssuer, IssuedKey } from '../api-key-issuer';
import { CreateApiKeyCommand } from './create-api-key.command';

@CommandHandler(CreateApiKeyCommand)
export class CreateApiKeyHandler implements ICommandHandler<CreateApiKeyCommand, IssuedKey> {
  constructor(private readonly issuer: ApiKeyIssuer) {}

  execute({ request, metadata }: CreateApiKeyCommand): Promise<IssuedKey> {
    return this.issuer.create(request, metadata);
  }
}
