// What the API answers about a grant and its tranches (POST /v1/grants, POST /v1/grants/:id/tranches).
import { ApiProperty } from '@nestjs/swagger';
import { allocatedIn } from '../allocations/allocation-book';
import { moneyJson, MoneyView } from '../pools/funding-money';
import type { GrantState, TrancheEntry } from './grant.decider';

export class TrancheView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  grantId!: string;

  @ApiProperty({ type: MoneyView })
  amount!: MoneyView;

  @ApiProperty({ example: '2026-03-02', description: 'Business date the money reached the bank' })
  receivedAt!: string;

  @ApiProperty({ example: 'EPRM-TR-1' })
  bankRef!: string;
}

export class GrantView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'European Partnership for Responsible Minerals' })
  funder!: string;

  @ApiProperty({ example: 'EPRM-2024-017' })
  reference!: string;

  @ApiProperty({ type: MoneyView, description: 'The award; its currency is the grant currency' })
  total!: MoneyView;

  @ApiProperty({ type: [String], nullable: true, description: 'Sites the grant is earmarked to; null: any site' })
  siteIds!: string[] | null;

  @ApiProperty({ type: MoneyView, description: 'Sum of the tranches received' })
  received!: MoneyView;

  @ApiProperty({ type: MoneyView, description: 'Received and not yet allocated' })
  unallocated!: MoneyView;

  @ApiProperty({ type: [TrancheView] })
  tranches!: TrancheView[];

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;
}

export type RegisteredGrantState = Extract<GrantState, { status: 'registered' }>;

export function trancheViewOf(grantId: string, tranche: TrancheEntry): TrancheView {
  return { id: tranche.trancheId, grantId, amount: tranche.amount.toJSON(), receivedAt: tranche.receivedAt, bankRef: tranche.bankRef };
}

export function grantViewOf(state: RegisteredGrantState): GrantView {
  const currency = state.total.currency;
  const unallocatedMinor = state.received.amountMinor - allocatedIn(state.book, currency);
  return {
    id: state.grantId,
    funder: state.funder,
    reference: state.reference,
    total: state.total.toJSON(),
    siteIds: state.siteIds === null ? null : [...state.siteIds],
    received: state.received.toJSON(),
    unallocated: moneyJson(currency, unallocatedMinor),
    tranches: [...state.tranches.values()].map((tranche) => trancheViewOf(state.grantId, tranche)),
    registeredAt: state.registeredAt,
  };
}
