import { actsAt, Role, ROLE_SCOPE } from '../../auth/roles';
import { asAnyFacet, Context } from '../../context';
import { badInput } from '../../errors';
import { idOfType } from '../../global-id';
import { ReadRule, requireRead, requireScope } from '../access';
import { actsOnService, soleServiceOf } from './guard';
import { BARNEVERN_FUNKSJONER } from './kostra-codes';

/**
 * The reconciliation the finance users ask for (docs/costs.md, "Reconciliation with KOSTRA"): for a
 * year or a quarter, the host's barnevern costs as its KOSTRA accounts report them (skjema 0A,
 * operating accounts, funksjon 244/251/252) against what Samvirke published (the year-to-date actual
 * of the latest published report of the period's last month), and each owner's payments to other
 * municipalities on those funksjoner as its own KOSTRA file shows them, against its share in the
 * same report. KOSTRA figures are in 1000 kr (as in the file); each is also given in øre
 * (× 100 000) beside the øre figures it is compared with, and the differences are in øre.
 *
 * Who sees what: the service's leader and host finance see the host and every owner; an owner's
 * MUNICIPAL_FINANCE sees the host and its own row only (RLS says the same: other owners' files and
 * report lines are hidden from it).
 */

export const READ_KOSTRA_RECONCILIATION: ReadRule = {
  action: 'Reading the KOSTRA reconciliation',
  roles: [Role.SERVICE_LEADER, Role.HOST_FINANCE, Role.MUNICIPAL_FINANCE],
};

/**
 * What the audit trail shows of an imported KOSTRA file: its record names the municipality
 * (`a.municipality_id`), and whoever may read that municipality's accounts (RLS's function) sees it.
 */
export const READ_KOSTRA_ACCOUNTS: ReadRule<{ municipalityId: string }> = {
  action: 'Reading KOSTRA accounts',
  roles: [Role.SERVICE_LEADER, Role.HOST_FINANCE, Role.MUNICIPAL_DIRECTOR, Role.MUNICIPAL_FINANCE, Role.AUDITOR],
  wholeRegion: [],
  row: (ctx, r) => ROLE_SCOPE[ctx.principal.role] !== 'MUNICIPALITY' || actsAt(ctx.principal, r.municipalityId),
  auditSnapshot: () => `kostra_accounts_readable(a.municipality_id)`,
};

/** Arts of KOSTRA's operating accounts used below (kontoplan: series 0–4 expenses, 6–8 income). */
export const KOSTRA_ARTS = {
  /** Expenses: art 010–480. */
  expenses: ['010', '480'],
  /** Income (negative in the file): art 600–899. */
  income: ['600', '899'],
  /** Refunds from municipalities: the host's income from the owners (art 750 is valid in 0A; that the host books the owners' payments there is our assumption, docs/costs.md). */
  refundsFromMunicipalities: '750',
  /** Purchases from municipalities: an owner's payment to the host (art 350 is valid in 0A; that owners book it there is our assumption, docs/costs.md). */
  purchasesFromMunicipalities: '350',
} as const;

/**
 * Funksjon 290 "interkommunale samarbeid": a host may book a cooperation's costs and the partners'
 * payments there and pass its own share on to the service's funksjoner; SSB's Kontroll 175 refuses a
 * municipality's operating accounts where 290 does not come to 0 (± 30, in 1000 kr:
 * `kontroller/src/main/kotlin/no/ssb/kostra/validation/rule/regnskap/kostra/Rule175Funksjon290Drift.kt`).
 * Then 244/251/252 hold only the host's own share. Shown beside the host's figures, not compared
 * (290 holds every cooperation the host runs, not only this service).
 */
export const COOPERATION_FUNKSJON = '290';

/** 1000 kr → øre. */
export const THOUSAND_KR_IN_ORE = 100_000n;

export interface KostraFigures {
  reported: boolean;
  importedAt: string | null;
  grossExpenses1000Kr: number;
  income1000Kr: number;
  refundsFromMunicipalities1000Kr: number;
  paymentsToMunicipalities1000Kr: number;
  /** Funksjon 290 (kontoklasse 1): expenses (art 010–480) and refunds from municipalities (art 750). */
  cooperationExpenses1000Kr: number;
  cooperationRefundsFromMunicipalities1000Kr: number;
}

export interface ReconciliationRow {
  municipalityId: string;
  isHost: boolean;
  kostra: KostraFigures;
  /** Samvirke's published year-to-date actual for this municipality (owners) or for the service (host), øre. */
  samvirkeActualOre: bigint | null;
}

export interface KostraReconciliationResult {
  serviceId: string;
  year: number;
  quarter: number | null;
  /** The month whose published report is compared (YYYY-MM): December, or the quarter's last month. */
  reportPeriod: string;
  reportId: string | null;
  reportVersion: number | null;
  host: ReconciliationRow;
  owners: ReconciliationRow[];
}

/** The host's figure compared: net operating expenses on barnevern without the refunds from municipalities (1000 kr). */
export const hostCompared1000Kr = (k: KostraFigures) => k.grossExpenses1000Kr + k.income1000Kr - k.refundsFromMunicipalities1000Kr;
export const toOre = (thousandKr: number) => BigInt(thousandKr) * THOUSAND_KR_IN_ORE;

const SERVICE_LINE = `l.funksjon = ANY ($4::text[])`;
const COOPERATION_LINE = `l.funksjon = '${COOPERATION_FUNKSJON}'`;
const EXPENSE = `l.art BETWEEN '${KOSTRA_ARTS.expenses[0]}' AND '${KOSTRA_ARTS.expenses[1]}'`;
const FILE_FIGURES = `json_build_object(
  'reported', true, 'importedAt', f.imported_at,
  'grossExpenses1000Kr', coalesce(sum(l.amount_1000_kr) FILTER (WHERE ${SERVICE_LINE} AND ${EXPENSE}), 0),
  'income1000Kr', coalesce(sum(l.amount_1000_kr) FILTER (WHERE ${SERVICE_LINE} AND l.art BETWEEN '${KOSTRA_ARTS.income[0]}' AND '${KOSTRA_ARTS.income[1]}'), 0),
  'refundsFromMunicipalities1000Kr', coalesce(sum(l.amount_1000_kr) FILTER (WHERE ${SERVICE_LINE} AND l.art = '${KOSTRA_ARTS.refundsFromMunicipalities}'), 0),
  'paymentsToMunicipalities1000Kr', coalesce(sum(l.amount_1000_kr) FILTER (WHERE ${SERVICE_LINE} AND l.art = '${KOSTRA_ARTS.purchasesFromMunicipalities}'), 0),
  'cooperationExpenses1000Kr', coalesce(sum(l.amount_1000_kr) FILTER (WHERE ${COOPERATION_LINE} AND ${EXPENSE}), 0),
  'cooperationRefundsFromMunicipalities1000Kr', coalesce(sum(l.amount_1000_kr) FILTER (WHERE ${COOPERATION_LINE} AND l.art = '${KOSTRA_ARTS.refundsFromMunicipalities}'), 0))`;

/**
 * One read: the service, the municipalities the caller may see in it (RLS and the rule above), each
 * one's current 0A file of the period summed over the barnevern funksjoner of the operating accounts,
 * and the latest published report of the period's last month with its total lines.
 */
const SQL = `SELECT json_build_object(
  'hostId', s.host_municipality_id,
  'atService', s.id = ANY (app_scopes('SERVICE_LEADER', 'HOST_FINANCE')),
  'mayRead', s.id = ANY (app_scopes('SERVICE_LEADER', 'HOST_FINANCE'))
    OR EXISTS (SELECT 1 FROM unnest(app_scopes('MUNICIPAL_FINANCE')) AS own(id) WHERE cost_service_has_owner(s.id, own.id)),
  'municipalities', (SELECT coalesce(json_agg(json_build_object('id', m.id, 'number', m.number, 'isOwner', cost_service_has_owner(s.id, m.id),
        'figures', (SELECT ${FILE_FIGURES} FROM kostra_accounts_file f LEFT JOIN kostra_accounts_line l
                      ON l.file_id = f.id AND l.kontoklasse = '1' AND (l.funksjon = ANY ($4::text[]) OR l.funksjon = '${COOPERATION_FUNKSJON}')
                     WHERE f.municipality_id = m.id AND f.year = $2 AND f.quarter = $3 AND f.skjema = '0A' AND f.superseded_at IS NULL
                     GROUP BY f.id, f.imported_at))
      ORDER BY m.number), '[]'::json)
      FROM municipality m
     WHERE (m.id = s.host_municipality_id OR cost_service_has_owner(s.id, m.id))
       AND (s.id = ANY (app_scopes('SERVICE_LEADER', 'HOST_FINANCE')) OR m.id = s.host_municipality_id OR m.id = ANY (app_scopes('MUNICIPAL_FINANCE')))),
  'report', (SELECT json_build_object('id', r.id, 'version', r.version,
        'lines', (SELECT coalesce(json_agg(json_build_object('municipalityId', x.municipality_id, 'actualYtdOre', x.actual_ytd_ore::text)), '[]'::json)
                    FROM cost_report_line x WHERE x.report_id = r.id AND x.category_id IS NULL))
      FROM cost_report r WHERE r.service_id = s.id AND r.period = $5 AND r.status = 'PUBLISHED' ORDER BY r.version DESC LIMIT 1))
  FROM shared_service s WHERE s.id = $1`;

interface Loaded {
  hostId: string;
  /** The caller holds a service role at this service (else it reads as an owner's finance). */
  atService: boolean;
  mayRead: boolean;
  municipalities: { id: string; number: string; isOwner: boolean; figures: KostraFigures | null }[];
  report: { id: string; version: number; lines: { municipalityId: string | null; actualYtdOre: string }[] } | null;
}

const NOT_REPORTED: KostraFigures = {
  reported: false,
  importedAt: null,
  grossExpenses1000Kr: 0,
  income1000Kr: 0,
  refundsFromMunicipalities1000Kr: 0,
  paymentsToMunicipalities1000Kr: 0,
  cooperationExpenses1000Kr: 0,
  cooperationRefundsFromMunicipalities1000Kr: 0,
};

export async function kostraReconciliation(ctx: Context, serviceGid: string | null | undefined, year: number, quarter: number | null | undefined): Promise<KostraReconciliationResult> {
  ctx = requireRead(ctx, READ_KOSTRA_RECONCILIATION);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year', 'range', { key: 'common.errors.yearFromTo', params: { min: 2000, max: 2100 } });
  if (quarter !== null && quarter !== undefined && !(Number.isInteger(quarter) && quarter >= 1 && quarter <= 4)) throw badInput('quarter', 'range', { key: 'costs.errors.quarterRange' });
  // Without a service named: the one service the caller holds a service role at, if that is all it holds.
  const serviceId = serviceGid ? idOfType(serviceGid, 'SharedService') : soleServiceOf(ctx);
  if (serviceGid && !serviceId) throw badInput('serviceId', 'id', { key: 'common.errors.notIdOf', params: { type: 'SharedService' } });
  if (!serviceId) throw badInput('serviceId', 'required', { key: 'costs.errors.reconcileNameService' });
  requireScope(actsOnService(ctx, serviceId), { key: 'costs.errors.reconcileOwnServiceOnly' });
  const lastMonth = quarter ? quarter * 3 : 12;
  const reportPeriod = `${year}-${String(lastMonth).padStart(2, '0')}`;
  const loaded = await ctx.db.read<Loaded | null>({ sql: SQL, params: [serviceId, year, quarter ?? 0, BARNEVERN_FUNKSJONER, reportPeriod] });
  if (!loaded) throw badInput('serviceId', 'id', { key: 'common.errors.notServiceOfRegion' });
  requireScope(loaded.mayRead, { key: 'costs.errors.reconcileOwnedServiceOnly' });
  const actual = new Map((loaded.report?.lines ?? []).map((l) => [l.municipalityId, BigInt(l.actualYtdOre)]));
  const samvirke = (municipalityId: string | null) => (loaded.report ? (actual.get(municipalityId) ?? 0n) : null);
  const figures = (id: string) => loaded.municipalities.find((m) => m.id === id)?.figures ?? NOT_REPORTED;
  return {
    serviceId,
    year,
    quarter: quarter ?? null,
    reportPeriod,
    reportId: loaded.report?.id ?? null,
    reportVersion: loaded.report?.version ?? null,
    host: { municipalityId: loaded.hostId, isHost: true, kostra: figures(loaded.hostId), samvirkeActualOre: samvirke(null) },
    owners: loaded.municipalities
      .filter((m) => m.isOwner && (loaded.atService || asAnyFacet(ctx, (as) => actsAt(as.principal, m.id))))
      .map((m) => ({ municipalityId: m.id, isHost: m.id === loaded.hostId, kostra: m.figures ?? NOT_REPORTED, samvirkeActualOre: samvirke(m.id) })),
  };
}
