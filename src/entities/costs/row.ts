import { Column } from 'typeorm';
import { TenantRow } from '../base';

/** A row that belongs to one shared service (its owner for RLS: `ownService`). */
export abstract class ServiceRow extends TenantRow {
  @Column({ name: 'service_id', type: 'uuid' })
  serviceId: string;
}
