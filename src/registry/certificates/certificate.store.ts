// The `certificates` table: one rendered PDF per retirement with its SHA-256, written once.
import { createHash } from 'crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface StoredCertificate {
  retirementId: string;
  certificateNo: string;
  companyId: string;
  batchId: string;
  pdf: Buffer;
  sha256: string;
  renderedAt: Date;
}

export interface CertificateStatusRow {
  retirementId: string;
  certificateNo: string;
  companyId: string;
}

@Injectable()
export class CertificateStore {
  constructor(private readonly dataSource: DataSource) {}

  async exists(retirementId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM certificates WHERE retirement_id = $1', [retirementId]);
    return rows.length > 0;
  }

  async find(retirementId: string): Promise<StoredCertificate | null> {
    const rows: Array<{ retirement_id: string; certificate_no: string; company_id: string; batch_id: string; pdf: Buffer; sha256: string; rendered_at: Date }> =
      await this.dataSource.query('SELECT * FROM certificates WHERE retirement_id = $1', [retirementId]);
    if (rows.length === 0) return null;
    const [row] = rows;
    return { retirementId: row.retirement_id, certificateNo: row.certificate_no, companyId: row.company_id, batchId: row.batch_id, pdf: row.pdf, sha256: row.sha256, renderedAt: row.rendered_at };
  }

  /** Stores the PDF unless one is stored already (a re-run of the job keeps the first); true when stored now. */
  async insert(certificate: Omit<StoredCertificate, 'sha256'>): Promise<boolean> {
    const sha256 = createHash('sha256').update(certificate.pdf).digest('hex');
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO certificates (retirement_id, certificate_no, company_id, batch_id, pdf, sha256, size_bytes, rendered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (retirement_id) DO NOTHING RETURNING retirement_id`,
      [certificate.retirementId, certificate.certificateNo, certificate.companyId, certificate.batchId, certificate.pdf, sha256, certificate.pdf.length, certificate.renderedAt],
    );
    return rows.length === 1;
  }
}
