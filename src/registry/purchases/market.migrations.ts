// Every migration of the marketplace read models (purchases, holdings, retirements, footprints);
// src/ops/database/migrations.ts adds them to the app's list.
import { CreateFootprints1767225603300 } from '../footprints/get-footprints/footprints.migration';
import { CreateHoldings1767225603100 } from '../holdings/holdings.migration';
import { CreateRetirements1767225603200 } from '../retirements/get-retirement/retirements.migration';
import { CreatePurchases1767225603000 } from './list-purchases/purchases.migration';

export const marketMigrations = [CreatePurchases1767225603000, CreateHoldings1767225603100, CreateRetirements1767225603200, CreateFootprints1767225603300];
