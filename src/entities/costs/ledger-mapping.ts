import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { ServiceRow } from './row';

export enum LedgerEncoding {
  UTF_8 = 'UTF_8',
  WINDOWS_1252 = 'WINDOWS_1252',
  ISO_8859_1 = 'ISO_8859_1',
}
registerEnumType(LedgerEncoding, { name: 'LedgerEncoding', description: 'The character encoding of the ERP export (Norwegian ERPs often write Windows-1252 or ISO-8859-1).' });

export enum LedgerDateFormat {
  DD_MM_YYYY = 'DD.MM.YYYY',
  YYYY_MM_DD = 'YYYY-MM-DD',
  DD_SLASH_MM_SLASH_YYYY = 'DD/MM/YYYY',
  YYYYMMDD = 'YYYYMMDD',
}
registerEnumType(LedgerDateFormat, { name: 'LedgerDateFormat', description: 'How the posting date is written: DD_MM_YYYY is 31.01.2026.' });

export enum LedgerSignConvention {
  LEADING_MINUS = 'LEADING_MINUS',
  TRAILING_MINUS = 'TRAILING_MINUS',
  DEBIT_CREDIT_COLUMNS = 'DEBIT_CREDIT_COLUMNS',
}
registerEnumType(LedgerSignConvention, {
  name: 'LedgerSignConvention',
  description: 'LEADING_MINUS: "-1 234,50" is a credit. TRAILING_MINUS: "1 234,50-" is a credit (a leading minus is accepted too). DEBIT_CREDIT_COLUMNS: two columns, amount = debit − credit.',
});

export enum LedgerProfile {
  CUSTOM = 'CUSTOM',
  VISMA_ENTERPRISE = 'VISMA_ENTERPRISE',
  UNIT4_AGRESSO = 'UNIT4_AGRESSO',
}
registerEnumType(LedgerProfile, { name: 'LedgerProfile', description: 'A shipped layout (docs/costs.md, "ERP ledger exports": the columns assumed and their source) or CUSTOM.' });

/** How the host's ERP export of one shared service is read (`defineLedgerMapping`). */
@ObjectType({ description: 'How the ERP export of the service is read by the `ledger-erp` import: column names, encoding, delimiter, decimal separator, date format, sign convention.' })
@Entity('ledger_mapping')
export class LedgerMapping extends ServiceRow {
  @Field(() => LedgerProfile)
  @Column({ type: 'text' })
  profile: LedgerProfile;

  @Field(() => LedgerEncoding)
  @Column({ type: 'text' })
  encoding: LedgerEncoding;

  @Field({ description: 'The field delimiter: ";", ",", "|" or a tab.' })
  @Column({ type: 'text' })
  delimiter: string;

  @Field({ description: 'The decimal separator of amounts: "," or ".". Spaces (also no-break spaces) group thousands.' })
  @Column({ name: 'decimal_separator', type: 'text' })
  decimalSeparator: string;

  @Field(() => LedgerDateFormat)
  @Column({ name: 'date_format', type: 'text' })
  dateFormat: LedgerDateFormat;

  @Field(() => LedgerSignConvention)
  @Column({ name: 'sign_convention', type: 'text' })
  signConvention: LedgerSignConvention;

  @Field()
  @Column({ name: 'date_column', type: 'text' })
  dateColumn: string;

  @Field(() => String, { nullable: true, description: 'The signed amount (LEADING_MINUS, TRAILING_MINUS).' })
  @Column({ name: 'amount_column', type: 'text', nullable: true })
  amountColumn: string | null;

  @Field(() => String, { nullable: true, description: 'DEBIT_CREDIT_COLUMNS only.' })
  @Column({ name: 'debit_column', type: 'text', nullable: true })
  debitColumn: string | null;

  @Field(() => String, { nullable: true, description: 'DEBIT_CREDIT_COLUMNS only.' })
  @Column({ name: 'credit_column', type: 'text', nullable: true })
  creditColumn: string | null;

  @Field({ description: 'The art (konto) column; its first three digits are the KOSTRA art.' })
  @Column({ name: 'art_column', type: 'text' })
  artColumn: string;

  @Field({ description: 'The funksjon (tjeneste) column; its first three digits are the KOSTRA funksjon.' })
  @Column({ name: 'funksjon_column', type: 'text' })
  funksjonColumn: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'ansvar_column', type: 'text', nullable: true })
  ansvarColumn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'prosjekt_column', type: 'text', nullable: true })
  prosjektColumn: string | null;

  @Field({ description: 'The voucher (bilag) number.' })
  @Column({ name: 'voucher_column', type: 'text' })
  voucherColumn: string;

  @Field(() => String, { nullable: true, description: 'The line of the voucher; without it, lines are numbered by their order within the voucher in the file.' })
  @Column({ name: 'voucher_line_column', type: 'text', nullable: true })
  voucherLineColumn: string | null;

  @Field(() => String, { nullable: true, description: 'The kommunenummer a direct charge concerns (empty for shared costs).' })
  @Column({ name: 'municipality_column', type: 'text', nullable: true })
  municipalityColumn: string | null;

  @Field(() => Date)
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;
}
