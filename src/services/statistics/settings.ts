import { randomUUID } from 'node:crypto';
import { Role } from '../../auth/roles';
import { SharedServiceKind } from '../../entities/reference/shared-service';
import { StatisticsMetric } from '../../entities/statistics/metric';
import { StatisticsSuppressionRule } from '../../entities/statistics/records';
import { ownScope } from '../access';
import { defineMutation } from '../mutation';
import { reject, RuleCheck, userError, UserErrorCode } from '../user-errors';
import { NewStatisticsMetric, SuppressionRuleInput } from './args';
import { republish } from './publish';

const trimmed = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** REGION_ADMIN: a metric for a configurable service kind (PPT, NAV, OTHER); barnevern's catalogue is fixed. */
export const defineStatisticsMetric = defineMutation({
  name: 'defineStatisticsMetric',
  roles: [Role.REGION_ADMIN],
  action: 'Defining a statistics metric',
  async run({ tx, ctx, audit }, input: NewStatisticsMetric) {
    const rules = new RuleCheck();
    if (input.serviceKind === SharedServiceKind.BARNEVERN) rules.add(userError(['input', 'serviceKind'], 'statistics.barnevernCatalogueFixedSsb', {}, UserErrorCode.IMMUTABLE));
    const repo = tx.getRepository(StatisticsMetric);
    const existing = await repo.find({ where: { serviceKind: input.serviceKind, regionId: ctx.principal.regionId } });
    const code = input.code.trim();
    if (existing.some((m) => m.code === code)) rules.add(userError(['input', 'code'], 'statistics.metricExistsAlready', { serviceKind: input.serviceKind, code }, UserErrorCode.CONFLICT));
    const ssbCode = trimmed(input.ssbCode);
    if (ssbCode && existing.some((m) => m.ssbCode === ssbCode))
      rules.add(userError(['input', 'ssbCode'], 'statistics.ssbCodeAlreadyMapped', { ssbCode, serviceKind: input.serviceKind }, UserErrorCode.CONFLICT));
    const shareOf = trimmed(input.shareOfCode);
    const whole = shareOf ? existing.find((m) => m.code === shareOf) : undefined;
    if (shareOf && !whole) rules.add(userError(['input', 'shareOfCode'], 'statistics.noSuchMetric', { serviceKind: input.serviceKind, shareOf }, UserErrorCode.NOT_FOUND));
    if (whole && (whole.aggregation !== input.aggregation || whole.finestPeriod !== input.finestPeriod))
      rules.add(userError(['input', 'shareOfCode'], 'statistics.partCountedLikeWhole', { aggregation: whole.aggregation, finestPeriod: whole.finestPeriod }));
    rules.throwIfAny();
    const metric = repo.create({
      regionId: ctx.principal.regionId!,
      serviceKind: input.serviceKind,
      code,
      name: input.name.trim(),
      unit: input.unit.trim(),
      aggregation: input.aggregation,
      finestPeriod: input.finestPeriod,
      description: trimmed(input.description),
      ssbCode,
      shareOfCode: shareOf,
      builtIn: false,
      position: existing.reduce((max, m) => Math.max(max, m.position), 0) + 1,
    });
    await repo.save(metric);
    await audit({ entity: 'StatisticsMetric', entityId: metric.id, after: { ...metric } });
    return { metric };
  },
});

/** SERVICE_LEADER: the suppression range of the own service; every table is suppressed and published again. */
export const setStatisticsSuppression = defineMutation({
  name: 'setStatisticsSuppression',
  roles: [Role.SERVICE_LEADER],
  action: 'Setting the suppression range',
  async run({ tx, ctx, audit }, input: SuppressionRuleInput) {
    const serviceId = ownScope(ctx, 'SERVICE');
    if (input.max < input.min) reject(['input', 'max'], 'statistics.maxLeastMin', { max: input.max, min: input.min });
    const repo = tx.getRepository(StatisticsSuppressionRule);
    const before = await repo.findOneBy({ serviceId });
    const rule = before ?? repo.create({ regionId: ctx.principal.regionId!, serviceId });
    const previous = before ? { min: before.min, max: before.max } : null;
    rule.min = input.min;
    rule.max = input.max;
    await repo.save(rule);
    // The publication event of a rule change, so every published cell names what produced it.
    const importId = randomUUID();
    await tx.query(`INSERT INTO statistics_import (id, region_id, service_id, records, inserted, updated, deleted, note) VALUES ($1, $2, $3, 0, 0, 0, 0, $4)`, [
      importId,
      ctx.principal.regionId,
      serviceId,
      `Suppression range set to ${input.min}–${input.max}; every table published again.`,
    ]);
    const { tables } = await republish(tx, { regionId: ctx.principal.regionId!, serviceId }, importId, 'all');
    await audit({ entity: 'StatisticsSuppressionRule', entityId: rule.id, before: previous, after: { min: rule.min, max: rule.max, tablesPublished: tables } });
    return { suppression: rule, tablesPublished: tables };
  },
});
