import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Columns every tenant-owned row has (TypeORM only; no GraphQL fields): its uuid and its region,
 * the tenant boundary that RLS checks. The GraphQL `id` of a node is its global ID (`nodeId`).
 */
export abstract class TenantRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId: string;
}

/** A row that belongs to one strategic plan. */
export abstract class PlanRow extends TenantRow {
  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;
}

/** A row that belongs to one version of a strategic plan. */
export abstract class VersionRow extends PlanRow {
  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;
}
