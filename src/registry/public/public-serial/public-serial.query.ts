// Looks up one unit for GET /v1/public/serials/:serial: the batch from the `batches` read model (by
// site code, vintage and batch number), its state from the batch stream itself (so the status is
// never behind the log), and for a retired unit the retirement from the `retirements` read model.
import { Inject, Injectable } from '@nestjs/common';
import { EventStore, loadStream, StreamStateCache } from '@lib/event-store';
import { formatSerial, formatSerialRange, parseSerial } from '@lib/kernel';
import { DataSource } from 'typeorm';
import { EVENT_STORE } from '../../../ops/platform/platform.tokens';
import { batchDecider } from '../../batches/batch.decider';
import { batchStreamId } from '../../batches/batch.events';
import type { IssuedBatch } from '../../batches/batch.state';
import { SerialNotFound } from '../public.errors';
import { readSiteProfile } from '../site-profile';
import type { PublicSerialView, PublicUnitRetirementView } from './public-serial.view';
import { unitStatus } from './unit-status';

/** Batches whose folded state is kept between lookups (each caught up from its revision). */
const CACHED_BATCHES = 256;

@Injectable()
export class PublicSerialLookup {
  private readonly cache = new StreamStateCache(CACHED_BATCHES);

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async lookUp(text: string): Promise<PublicSerialView> {
    const serial = parseSerial(text);
    const batches: Array<{ id: string }> = await this.dataSource.query(
      'SELECT id FROM batches WHERE site_code = $1 AND vintage = $2 AND batch_no = $3',
      [serial.siteCode, serial.vintage, serial.batchNo],
    );
    if (batches.length === 0) throw new SerialNotFound(text);
    const { state } = await loadStream(this.eventStore, batchStreamId(batches[0].id), batchDecider, this.cache);
    if (state.status !== 'issued') throw new SerialNotFound(text);
    const status = unitStatus(state, serial.unit);
    if (status === null) throw new SerialNotFound(text);
    return {
      serial: formatSerial(serial),
      status,
      batch: batchViewOf(state),
      site: await readSiteProfile(this.eventStore, state.siteId),
      retirement: status === 'retired' ? await this.retirementOf(state.batchId, serial.unit) : null,
    };
  }

  private async retirementOf(batchId: string, unit: number): Promise<PublicUnitRetirementView | null> {
    const rows: Array<{ certificate_no: string; claim_year: number; beneficiary_name: string; retired_at: Date }> = await this.dataSource.query(
      `SELECT certificate_no, claim_year, beneficiary_name, retired_at FROM retirements
       WHERE batch_id = $1 AND EXISTS (
         SELECT 1 FROM jsonb_array_elements(serials) AS range
         WHERE (range ->> 'from')::bigint <= $2 AND (range ->> 'to')::bigint >= $2)`,
      [batchId, unit],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      certificateNo: row.certificate_no,
      claimYear: row.claim_year,
      beneficiaryName: row.beneficiary_name,
      retiredAt: row.retired_at.toISOString(),
      retirementPath: `/v1/public/retirements/${encodeURIComponent(row.certificate_no)}`,
    };
  }
}

function batchViewOf(state: IssuedBatch): PublicSerialView['batch'] {
  return {
    id: state.batchId,
    siteCode: state.siteCode,
    vintage: state.vintage,
    batchNo: state.batchNo,
    issuedKg: state.issuedKg,
    serialRange: formatSerialRange({ siteCode: state.siteCode, vintage: state.vintage, batchNo: state.batchNo, from: 1, to: state.issuedKg }),
    issuedAt: state.issuedAt,
  };
}
