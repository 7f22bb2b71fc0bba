import { GraphQLDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { Node } from '../../schema/node';
import { OreScalar } from '../../schema/money';
import { toGlobalId } from '../../global-id';
import { ServiceRow } from './row';

/** One line of the host municipality's accounting export. Never edited: a correction is a new entry. */
@ObjectType({ implements: Node, description: 'A ledger line of the host municipality for the service, as imported. Never edited: corrections are new entries.' })
@Entity('ledger_entry')
export class LedgerEntry extends ServiceRow {
  @Field(() => ID, { name: 'id', description: 'Global ID (use with node(id:)).' })
  get nodeId(): string {
    return toGlobalId('LedgerEntry', this.id);
  }

  @Field({ description: 'Source reference: the voucher (bilag) in the accounting system.' })
  @Column({ type: 'text' })
  voucher: string;

  @Field(() => Int, { description: 'Line of the voucher.' })
  @Column({ name: 'voucher_line', type: 'int' })
  voucherLine: number;

  @Field(() => GraphQLDate)
  @Column({ name: 'posting_date', type: 'date' })
  postingDate: string;

  @Field({ description: "The host's account (konto) as exported." })
  @Column({ type: 'text' })
  account: string;

  @Field({ description: 'KOSTRA art.' })
  @Column({ type: 'text' })
  art: string;

  @Field({ description: 'KOSTRA funksjon.' })
  @Column({ type: 'text' })
  funksjon: string;

  @Field(() => OreScalar, { description: 'Amount in whole øre (negative = credit).' })
  @Column({ name: 'amount_ore', type: 'bigint' })
  amountOre: string;

  @Column({ name: 'municipality_id', type: 'uuid', nullable: true })
  municipalityId: string | null;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Field(() => Date)
  @Column({ name: 'imported_at', type: 'timestamptz', default: () => 'now()' })
  importedAt: Date;
}
