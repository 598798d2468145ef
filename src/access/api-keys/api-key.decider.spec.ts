import { deciderSpec } from '@lib/kernel/testing';
import { apiKeyDecider, CreateApiKey } from './api-key.decider';
import type { ApiKeyEvent } from './api-key.events';
import { ApiKeyNotFound, CompanyKeyNeedsCompany, ExpiryNotInFuture, InvalidKeyLabel, StaffKeyWithCompany } from './api-keys.errors';

const keyId = '0190f1c2-0000-7000-8000-00000000000a';
const companyId = '0190f1c2-0000-7000-8000-000000000001';
const now = '2026-03-01T10:00:00.000Z';

function createCommand(overrides: Partial<CreateApiKey> = {}): CreateApiKey {
  return { type: 'CreateApiKey', keyId, role: 'operator', companyId: null, label: 'ops laptop', expiresAt: null, now, ...overrides };
}

const created: ApiKeyEvent = {
  type: 'ApiKeyCreated',
  data: { keyId, role: 'operator', companyId: null, label: 'ops laptop', expiresAt: null },
};
const revoked: ApiKeyEvent = { type: 'ApiKeyRevoked', data: { keyId } };

describe('API key decider', () => {
  it('create_WhenStaffKeyWithoutCompany_ThenApiKeyCreated', () => {
    deciderSpec(apiKeyDecider).given([]).when(createCommand()).then([created]);
  });

  it('create_WhenCompanyKeyWithCompany_ThenCreatedWithTheCompany', () => {
    deciderSpec(apiKeyDecider)
      .given([])
      .when(createCommand({ role: 'company', companyId, expiresAt: '2027-01-01T00:00:00.000Z' }))
      .then([{ type: 'ApiKeyCreated', data: { ...created.data, role: 'company', companyId, expiresAt: '2027-01-01T00:00:00.000Z' } }]);
  });

  it('create_WhenCompanyKeyWithoutCompany_ThenRefused', () => {
    deciderSpec(apiKeyDecider).given([]).when(createCommand({ role: 'company' })).thenThrows(CompanyKeyNeedsCompany);
  });

  it('create_WhenStaffKeyWithCompany_ThenRefused', () => {
    for (const role of ['admin', 'operator', 'finance', 'auditor'] as const) {
      deciderSpec(apiKeyDecider).given([]).when(createCommand({ role, companyId })).thenThrows(StaffKeyWithCompany);
    }
  });

  it('create_WhenLabelBlankTooLongOrWithControlCharacters_ThenRefused', () => {
    for (const label of ['', '  ', 'l'.repeat(101), 'a\tb']) {
      deciderSpec(apiKeyDecider).given([]).when(createCommand({ label })).thenThrows(InvalidKeyLabel);
    }
  });

  it('create_WhenExpiryNotAfterNow_ThenRefused', () => {
    for (const expiresAt of [now, '2026-02-28T10:00:00.000Z']) {
      deciderSpec(apiKeyDecider).given([]).when(createCommand({ expiresAt })).thenThrows(ExpiryNotInFuture);
    }
  });

  it('create_WhenAlreadyCreated_ThenNothingNew', () => {
    deciderSpec(apiKeyDecider).given([created]).when(createCommand()).then([]);
  });

  it('revoke_WhenActive_ThenApiKeyRevoked', () => {
    deciderSpec(apiKeyDecider).given([created]).when({ type: 'RevokeApiKey', keyId }).then([revoked]);
  });

  it('revoke_WhenAlreadyRevoked_ThenNothingNew', () => {
    deciderSpec(apiKeyDecider).given([created, revoked]).when({ type: 'RevokeApiKey', keyId }).then([]);
  });

  it('revoke_WhenAbsent_ThenNotFound', () => {
    deciderSpec(apiKeyDecider).given([]).when({ type: 'RevokeApiKey', keyId }).thenThrows(ApiKeyNotFound);
  });
});
