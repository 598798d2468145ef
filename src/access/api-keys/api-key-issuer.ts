// Creates API keys for the HTTP route, the bootstrap admin key and the CLI: checks the rules
// (decider), stores the credential, records ApiKeyCreated. The clear key is returned, never kept.
import { Inject, Injectable } from '@nestjs/common';
import { EventMetadata, EventStore, loadStream, LogPosition, WrongExpectedRevision } from '@lib/event-store';
import { EVENT_STORE } from '../../ops/platform/platform.tokens';
import type { Role } from '../auth/actor';
import { companyDecider } from '../companies/company.decider';
import { companyStreamId } from '../companies/company.events';
import { apiKeyDecider } from './api-key.decider';
import { ApiKeyEvent, apiKeyStreamId } from './api-key.events';
import { ApiKeyStore } from './api-key.store';
import { issueApiKey, IssuedApiKey } from './api-key-token';
import type { ApiKeyView } from './api-key.view';
import { UnknownCompany } from './api-keys.errors';

export interface ApiKeyRequest {
  role: Role;
  companyId: string | null;
  label: string;
  expiresAt: string | null;
}

export interface IssuedKey {
  view: ApiKeyView;
  /** The full `crk_…` key, to show once. */
  token: string;
  position: LogPosition;
}

type Sql = Parameters<ApiKeyStore['insert']>[1];
type ApiKeyCreated = Extract<ApiKeyEvent, { type: 'ApiKeyCreated' }>;

@Injectable()
export class ApiKeyIssuer {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly keys: ApiKeyStore,
  ) {}

  async create(request: ApiKeyRequest, metadata: EventMetadata): Promise<IssuedKey> {
    const issued = issueApiKey();
    const events = this.decide(issued.keyId, request, metadata);
    if (request.companyId !== null) await this.assertCompanyExists(request.companyId);
    const view = this.viewOf(issued.keyId, request, events[0].data.label, metadata);
    // Credential first: if recording the event then fails, the row is removed again and the key,
    // never shown to anyone, never existed.
    await this.keys.insert(this.rowOf(issued, view, metadata));
    try {
      const result = await this.eventStore.append(apiKeyStreamId(issued.keyId), events.map((e) => ({ ...e, metadata })), 'no_stream');
      return { view, token: issued.token, position: result.position };
    } catch (error) {
      await this.keys.delete(issued.keyId);
      throw error;
    }
  }

  /**
   * Creates the admin key whose token the operator chose (BOOTSTRAP_ADMIN_KEY). The key id comes
   * from the token, so a boot that crashed halfway is completed by the next one.
   */
  async createFromToken(issued: IssuedApiKey, request: ApiKeyRequest, metadata: EventMetadata, sql?: Sql): Promise<ApiKeyView> {
    const events = this.decide(issued.keyId, request, metadata);
    const view = this.viewOf(issued.keyId, request, events[0].data.label, metadata);
    try {
      await this.eventStore.append(apiKeyStreamId(issued.keyId), events.map((e) => ({ ...e, metadata })), 'no_stream');
    } catch (error) {
      // Recorded by an earlier boot that stopped before storing the credential.
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
    await this.keys.insert(this.rowOf(issued, view, metadata), sql);
    return view;
  }

  private decide(keyId: string, request: ApiKeyRequest, metadata: EventMetadata): ApiKeyCreated[] {
    const events = apiKeyDecider.decide({ type: 'CreateApiKey', keyId, ...request, now: metadata.occurredAt }, apiKeyDecider.initialState());
    const created = events.filter((event): event is ApiKeyCreated => event.type === 'ApiKeyCreated');
    if (created.length !== 1 || events.length !== 1) throw new Error('CreateApiKey must produce exactly one ApiKeyCreated');
    return created;
  }

  private async assertCompanyExists(companyId: string): Promise<void> {
    const company = await loadStream(this.eventStore, companyStreamId(companyId), companyDecider);
    if (company.state.status !== 'registered') throw new UnknownCompany(companyId);
  }

  private viewOf(keyId: string, request: ApiKeyRequest, label: string, metadata: EventMetadata): ApiKeyView {
    return { id: keyId, role: request.role, companyId: request.companyId, label, createdAt: metadata.occurredAt, expiresAt: request.expiresAt, revokedAt: null };
  }

  private rowOf(issued: IssuedApiKey, view: ApiKeyView, metadata: EventMetadata) {
    return {
      id: issued.keyId,
      role: view.role,
      companyId: view.companyId,
      label: view.label,
      secretSha256: issued.secretSha256,
      createdAt: new Date(view.createdAt),
      createdBy: metadata.actorKeyId,
      expiresAt: view.expiresAt === null ? null : new Date(view.expiresAt),
    };
  }
}
