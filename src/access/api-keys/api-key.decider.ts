// Business rules of API keys: which role may carry a company, label and expiry checks, and
// revocation (a second revocation changes nothing). Pure: time comes in the command.
import type { Decider } from '@lib/kernel';
import { isStaff, Role } from '../auth/actor';
import type { ApiKeyEvent, ApiKeyState } from './api-key.events';
import { ApiKeyNotFound, CompanyKeyNeedsCompany, ExpiryNotInFuture, InvalidKeyLabel, StaffKeyWithCompany } from './api-keys.errors';

export interface CreateApiKey {
  type: 'CreateApiKey';
  keyId: string;
  role: Role;
  /** Must name a registered company for `company` keys; the handler checks it exists. */
  companyId: string | null;
  label: string;
  expiresAt: string | null;
  /** ISO 8601 UTC instant of the request, to check that the expiry is ahead of it. */
  now: string;
}

export interface RevokeApiKey {
  type: 'RevokeApiKey';
  keyId: string;
}

export type ApiKeyCommand = CreateApiKey | RevokeApiKey;

export const KEY_LABEL_MAX_LENGTH = 100;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

function create(command: CreateApiKey, state: ApiKeyState): ApiKeyEvent[] {
  // Ids are generated server-side: a second creation is a replay of the same one, not a new key.
  if (state.status !== 'absent') return [];
  if (command.role === 'company' && command.companyId === null) throw new CompanyKeyNeedsCompany();
  if (isStaff(command.role) && command.companyId !== null) throw new StaffKeyWithCompany(command.role);
  const label = command.label.trim();
  if (label.length === 0 || label.length > KEY_LABEL_MAX_LENGTH || CONTROL_CHARACTERS.test(label)) throw new InvalidKeyLabel();
  if (command.expiresAt !== null && Date.parse(command.expiresAt) <= Date.parse(command.now)) throw new ExpiryNotInFuture();
  const data = { keyId: command.keyId, role: command.role, companyId: command.companyId, label, expiresAt: command.expiresAt };
  return [{ type: 'ApiKeyCreated', data }];
}

function revoke(command: RevokeApiKey, state: ApiKeyState): ApiKeyEvent[] {
  switch (state.status) {
    case 'absent':
      throw new ApiKeyNotFound();
    case 'revoked':
      return [];
    case 'active':
      return [{ type: 'ApiKeyRevoked', data: { keyId: command.keyId } }];
    default: {
      const unreachable: never = state;
      throw new Error(`Unknown key state ${JSON.stringify(unreachable)}`);
    }
  }
}

export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyState, ApiKeyEvent> = {
  initialState: () => ({ status: 'absent' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ApiKeyCreated':
        return { status: 'active', ...event.data };
      case 'ApiKeyRevoked':
        return state.status === 'absent' ? state : { ...state, status: 'revoked' };
      default: {
        // Never throw on a recorded fact: an unknown event type leaves the state as is.
        const unknown: never = event;
        void unknown;
        return state;
      }
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'CreateApiKey':
        return create(command, state);
      case 'RevokeApiKey':
        return revoke(command, state);
      default: {
        const unreachable: never = command;
        throw new Error(`Unknown key command ${JSON.stringify(unreachable)}`);
      }
    }
  },
};
