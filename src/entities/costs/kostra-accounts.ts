import { Column, Entity } from 'typeorm';
import { TenantRow } from '../base';

/**
 * One imported KOSTRA accounting file (SSB's position-based lines) of one municipality, year and
 * quarter (0 = annual). A corrected file supersedes it; the superseded one is kept.
 * Read through the reconciliation (services/costs/kostra-reconciliation.ts), not as a node.
 */
@Entity('kostra_accounts_file')
export class KostraAccountsFile extends TenantRow {
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Column({ type: 'int' })
  year: number;

  /** 0 = the annual accounts; 1–4 = the quarterly report of that quarter. */
  @Column({ type: 'int' })
  quarter: number;

  @Column({ type: 'text' })
  skjema: string;

  /** The file's region field (kommunenummer + "00"), as written in the file (the file's year's number). */
  @Column({ name: 'region_code', type: 'text' })
  regionCode: string;

  @Column({ name: 'line_count', type: 'int' })
  lineCount: number;

  @Column({ name: 'content_sha256', type: 'text' })
  contentSha256: string;

  @Column({ name: 'imported_at', type: 'timestamptz', default: () => 'now()' })
  importedAt: Date;

  @Column({ name: 'imported_by', type: 'text' })
  importedBy: string;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}

/** One line of a KOSTRA accounting file. The amount is in 1000 kr, as in the file (not øre). */
@Entity('kostra_accounts_line')
export class KostraAccountsLine extends TenantRow {
  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId: string;

  @Column({ type: 'int' })
  line: number;

  @Column({ type: 'text' })
  kontoklasse: string;

  @Column({ type: 'text' })
  funksjon: string;

  @Column({ type: 'text' })
  art: string;

  /** In 1000 kr (thousands of kroner), as SSB's file gives it; income negative. */
  @Column({ name: 'amount_1000_kr', type: 'bigint' })
  amount1000Kr: string;
}
