import { EntityManager } from 'typeorm';
import type { RegionSeeder } from '../region-seeder';
import { AlertBasis, CostReport } from '../../entities/costs';
import { SharedService } from '../../entities/reference/shared-service';
import { largestRemainder } from '../../services/costs/allocation';
import { computeReportFor, firstOfMonth, keysOfYear, periodOf } from '../../services/costs/report-data';
import { allocateByKey, monthlyBudget } from '../../services/costs/report-math';
import { insertDraft, markPublished } from '../../services/costs/reports';
import { generator } from '../statistics/random';
import { COST_DEMO, DemoEntry, DemoService, ILLUSTRATIVE, YEARS } from './demo-data';

/**
 * Cost demo for Nord-Østerdal (the three shared services of seed 001): categories mapped to KOSTRA,
 * dated keys, budgets and monthly ledgers for 2023 and 2024, every month published, one month
 * corrected (barnevern 2024-03) and one month crossing the alert rule (barnevern 2024-09, Folldal:
 * an emergency placement). All figures are ILLUSTRATIVE and say so in the data (notes, "DEMO-"
 * vouchers). Written through the same functions as the API (computeReport, insertDraft,
 * markPublished), as each service's HOST_FINANCE under RLS.
 */

/** `amount` øre varied by up to ±3 % (whole øre). */
const vary = (amount: bigint, rnd: () => number) => (amount * BigInt(Math.round(9700 + rnd() * 600))) / 10000n;

async function actAs(em: EntityManager, role: string, regionId: string, serviceId = ''): Promise<void> {
  await em.query(`SELECT set_config('app.role', $1, true), set_config('app.region_id', $2, true), set_config('app.service_id', $3, true)`, [role, regionId, serviceId]);
}

/** A demo ledger line with its municipality and category resolved to ids. */
type Entry = Omit<DemoEntry, 'kommunenummer' | 'category'> & { municipalityId: string | null; categoryId: string };

async function insertEntries(em: EntityManager, service: SharedService, entries: Entry[]): Promise<void> {
  if (!entries.length) return;
  await em.query(
    `INSERT INTO ledger_entry (region_id, service_id, voucher, voucher_line, posting_date, account, art, funksjon, amount_ore, municipality_id, category_id)
     SELECT $1, $2, w.voucher, w.line, w.date, 'DEMO-' || w.art, w.art, w.funksjon, w.amount, w.municipality_id, w.category_id
       FROM unnest($3::text[], $4::int[], $5::date[], $6::text[], $7::text[], $8::bigint[], $9::uuid[], $10::uuid[])
         AS w(voucher, line, date, art, funksjon, amount, municipality_id, category_id)`,
    [
      service.regionId,
      service.id,
      entries.map((e) => e.voucher),
      entries.map((e) => e.line),
      entries.map((e) => e.date),
      entries.map((e) => e.art),
      entries.map((e) => e.funksjon),
      entries.map((e) => String(e.amount)),
      entries.map((e) => e.municipalityId),
      entries.map((e) => e.categoryId),
    ],
  );
}

/** The ledger of one month: shared costs near the budget's month, direct costs per owner near its keyed part. */
async function monthEntries(
  em: EntityManager,
  demo: DemoService,
  service: SharedService,
  year: number,
  month: number,
  categoryIds: Map<string, string>,
  numbers: Map<string, string>,
  rnd: () => number,
): Promise<Entry[]> {
  const keys = await keysOfYear(em, service.id, year);
  const key = keys[month - 1]!;
  const owners = [...key.ownerIds].sort((a, b) => numbers.get(a)!.localeCompare(numbers.get(b)!));
  const populations: { municipality_id: string; aged_0_17: number }[] = await em.query(`SELECT municipality_id, aged_0_17 FROM municipality_population WHERE year = $1 AND municipality_id = ANY($2)`, [
    year,
    owners,
  ]);
  const members = owners.map((id) => ({ id, number: numbers.get(id)!, population: populations.find((p) => p.municipality_id === id)?.aged_0_17 ?? 0 }));
  const entries: Entry[] = [];
  const day = `${firstOfMonth(year, month).slice(0, 8)}${String(10 + Math.floor(rnd() * 15)).padStart(2, '0')}`;
  let voucher = 0;
  for (const category of demo.categories) {
    const categoryId = categoryIds.get(category.code)!;
    const budget = monthlyBudget(category.budget[year], category.profile)[month - 1];
    const [funksjon, ...arts] = category.ledger;
    if (category.direct) {
      allocateByKey(budget, key.equalBp, key.populationBp, members).forEach((part, i) => {
        voucher += 1;
        entries.push({
          voucher: `DEMO-${demo.code}-${year}${String(month).padStart(2, '0')}-${voucher}`,
          line: 1,
          date: day,
          art: arts[0],
          funksjon,
          amount: vary(part, rnd),
          municipalityId: owners[i],
          categoryId,
        });
      });
    } else {
      voucher += 1;
      // One voucher per category and month, one line per art (e.g. salaries, pensions, operations).
      largestRemainder(
        vary(budget, rnd),
        arts.map((_, i) => BigInt(arts.length - i)),
      ).forEach((part, i) => {
        entries.push({
          voucher: `DEMO-${demo.code}-${year}${String(month).padStart(2, '0')}-${voucher}`,
          line: i + 1,
          date: day,
          art: arts[i],
          funksjon,
          amount: part,
          municipalityId: null,
          categoryId,
        });
      });
    }
  }
  return entries;
}

async function publishMonth(em: EntityManager, service: SharedService, period: string, published: CostReport | null, reason: string | null, at: Date): Promise<CostReport> {
  const { basis, report } = await computeReportFor(em, service, Number(period.slice(0, 4)), Number(period.slice(5, 7)));
  if (!report) throw new Error(`demo report ${service.code} ${period}: ${basis.problems.join(' ')}`);
  const draft = await insertDraft(em, { service, period, published, correctionReason: reason, note: ILLUSTRATIVE, by: 'demo-seed' }, basis, report);
  return (await markPublished(em, draft, service, report.lines, 'demo-seed', at)).report;
}

export const seedCosts: RegionSeeder = async (em, region) => {
  const demo = COST_DEMO[region.code];
  if (!demo) return;
  const municipalities: { id: string; number: string }[] = await em.query(`SELECT id, number FROM municipality WHERE region_id = $1`, [region.id]);
  const byNumber = new Map(municipalities.map((m) => [m.number, m.id]));
  const numbers = new Map(municipalities.map((m) => [m.id, m.number]));
  const categoryIds = new Map<string, string>();
  for (const [position, c] of demo.categories.entries()) {
    const [{ id }] = await em.query(`INSERT INTO cost_category (region_id, code, name, description, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      region.id,
      c.code,
      c.name,
      c.description,
      position * 10,
    ]);
    categoryIds.set(c.code, id);
    for (const a of c.accounts) await em.query(`INSERT INTO cost_category_account (region_id, category_id, funksjon, art_from, art_to) VALUES ($1, $2, $3, $4, $5)`, [region.id, id, ...a]);
  }
  for (const service of demo.services) {
    const entity = await em.getRepository(SharedService).findOneByOrFail({ regionId: region.id, code: service.code });
    await actAs(em, 'HOST_FINANCE', region.id, entity.id);
    for (const a of service.agreements) {
      const [{ id }] = await em.query(
        `INSERT INTO cost_agreement (region_id, service_id, valid_from, valid_to, equal_share_bp, population_share_bp, note, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'demo-seed') RETURNING id`,
        [region.id, entity.id, a.from, a.to, a.equalBp, 10000 - a.equalBp, a.note],
      );
      for (const c of service.categories.filter((x) => x.direct))
        await em.query(`INSERT INTO cost_agreement_direct_category (region_id, agreement_id, category_id) VALUES ($1, $2, $3)`, [region.id, id, categoryIds.get(c.code)]);
    }
    for (const year of YEARS) {
      for (const c of service.categories) {
        await em.query(`INSERT INTO cost_budget (region_id, service_id, category_id, year, amount_ore, monthly_profile, note, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'demo-seed')`, [
          region.id,
          entity.id,
          categoryIds.get(c.code),
          year,
          String(c.budget[year]),
          c.profile,
          ILLUSTRATIVE,
        ]);
      }
    }
    for (const rule of service.rules) {
      await em.query(`INSERT INTO cost_alert_rule (region_id, service_id, name, basis, threshold_bp, threshold_ore, created_by) VALUES ($1, $2, $3, $4, $5, $6, 'demo-seed')`, [
        region.id,
        entity.id,
        rule.name,
        AlertBasis.BUDGET,
        rule.thresholdBp,
        String(rule.thresholdOre),
      ]);
    }
    // Deterministic (mulberry32, shared with the statistics demo): the demo is the same on every start.
    const rnd = generator(service.seed);
    for (const year of YEARS) {
      for (let month = 1; month <= 12; month++) {
        const period = periodOf(year, month);
        const entries = await monthEntries(em, service, entity, year, month, categoryIds, numbers, rnd);
        for (const event of service.events.filter((e) => e.period === period && !e.afterPublication)) {
          entries.push(...event.entries.map((e) => ({ ...e, municipalityId: e.kommunenummer ? byNumber.get(e.kommunenummer)! : null, categoryId: categoryIds.get(e.category)! })));
        }
        await insertEntries(em, entity, entries);
        const publishedAt = new Date(Date.UTC(year, month, 10, 11));
        let report = await publishMonth(em, entity, period, null, null, publishedAt);
        for (const event of service.events.filter((e) => e.period === period && e.afterPublication)) {
          await insertEntries(
            em,
            entity,
            event.entries.map((e) => ({ ...e, municipalityId: e.kommunenummer ? byNumber.get(e.kommunenummer)! : null, categoryId: categoryIds.get(e.category)! })),
          );
          report = await publishMonth(em, entity, period, report, event.correctionReason!, new Date(publishedAt.getTime() + 8 * 86_400_000));
        }
      }
    }
  }
  await actAs(em, 'REGION_ADMIN', region.id);
};
