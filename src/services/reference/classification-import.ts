import { Role } from '../../auth/roles';
import type { Message } from '../../i18n';
import { ImportProblem, Importer, JsonAdapter, JsonAdapterReading, Line } from '../imports/importer';
import { isIsoDate, klassChangeOf, klassItemOf, klassVersionHeadOf } from './municipality-history';

/**
 * `npm run import -- municipality-classification FILE --role OPERATOR` (and `POST
 * /imports/municipality-classification`): loads a newer copy of SSB's classification of
 * municipalities (KLASS 131) in the JSON KLASS's API returns — a version (`GET
 * https://data.ssb.no/api/klass/v1/versions/{id}.json`: `validFrom`, `validTo`,
 * `classificationItems`) or the changes between versions (`GET
 * …/classifications/131/changes.json?from=…&to=…`: `codeChanges`). Dry run, all or nothing,
 * idempotent: the same file twice changes nothing. A version replaces the items held for its
 * `validFrom` (new, renamed and dropped items are counted) and closes the version in force before
 * it; changes are added (or their names corrected), never deleted.
 */

export type ClassificationRow =
  | { record: 'item'; validFrom: string; validTo: string | null; versionName: string; code: string; name: string }
  | { record: 'change'; changeOccurred: string; oldCode: string; oldName: string; newCode: string; newName: string };

const COLUMNS = ['record', 'version_valid_from', 'version_valid_to', 'version_name', 'code', 'name', 'change_occurred', 'old_code', 'old_name', 'new_code', 'new_name'] as const;

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
const CODE = /^\d{4}$/;

/** The most records a classification file may have (KLASS 131 has some 360 items a version). */
const MAX_RECORDS = 100_000;
const tooMany = { line: null, field: null, key: 'imports.tooManyRecords', params: { count: MAX_RECORDS } } as const satisfies ImportProblem;

/**
 * A reading that keeps each element of the streamed member as `keep` makes it (at most MAX_RECORDS)
 * and, after the document, yields them in order as records; `recordOf` is given the head once.
 */
function keptElements<T>(keep: (element: unknown) => T, recordOf: (head: Record<string, unknown>) => (kept: T) => Record<string, unknown>): () => JsonAdapterReading {
  return () => {
    const kept: T[] = [];
    return {
      element(_member, _key, element) {
        if (kept.length >= MAX_RECORDS) return tooMany;
        kept.push(keep(element));
        return undefined;
      },
      *records(head) {
        const record = recordOf(head);
        for (const [index, k] of kept.entries()) yield { line: index + 1, record: record(k) };
      },
    };
  };
}

/** A version's items stream (`classificationItems`, in any order with `validFrom`): kept as their codes and names until the version's fields are read. */
const versionAdapter: JsonAdapter = {
  name: 'a KLASS version (GET /api/klass/v1/versions/{id})',
  streamed: ['classificationItems'],
  matches: (head, streamed) => !!klassVersionHeadOf(head) && streamed.get('classificationItems') === 'array',
  read: keptElements(klassItemOf, (head) => {
    const v = klassVersionHeadOf(head)!;
    const versionName = v.name ?? `Kommuneinndeling ${v.validFrom.slice(0, 4)}`;
    return (i) => ({ record: 'item', version_valid_from: v.validFrom, version_valid_to: v.validTo ?? '', version_name: versionName, code: i.code, name: i.name });
  }),
};

const changesAdapter: JsonAdapter = {
  name: 'KLASS changes (GET /api/klass/v1/classifications/131/changes)',
  streamed: ['codeChanges'],
  matches: (_head, streamed) => streamed.get('codeChanges') === 'array',
  read: keptElements(klassChangeOf, () => (c) => ({ record: 'change', change_occurred: c.changeOccurred, old_code: c.oldCode, old_name: c.oldName, new_code: c.newCode, new_name: c.newName })),
};

function readRecord(record: Record<string, unknown>, line: number): { row: ClassificationRow; problems?: undefined } | { row?: undefined; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const code = (field: string) => {
    const v = text(record[field]);
    if (!CODE.test(v)) problems.push({ line, field, key: 'reference.classification.notCode', params: { value: v.slice(0, 40) } });
    return v;
  };
  const name = (field: string) => {
    const v = text(record[field]);
    if (v.length < 1 || v.length > 200) problems.push({ line, field, key: 'reference.classification.nameLength' });
    return v;
  };
  const date = (field: string, optional = false) => {
    const v = text(record[field]);
    if (optional && v === '') return null;
    if (!isIsoDate(v)) problems.push({ line, field, key: 'reference.classification.notDate', params: { value: v.slice(0, 40) } });
    return v;
  };
  const kind = text(record.record);
  if (kind === 'item') {
    const row = { record: 'item' as const, validFrom: date('version_valid_from')!, validTo: date('version_valid_to', true), versionName: name('version_name'), code: code('code'), name: name('name') };
    if (!problems.length && row.validTo !== null && row.validTo <= row.validFrom)
      problems.push({ line, field: 'version_valid_to', key: 'reference.classification.validToBeforeFrom', params: { validFrom: row.validFrom } });
    return problems.length ? { problems } : { row };
  }
  if (kind === 'change') {
    const row = { record: 'change' as const, changeOccurred: date('change_occurred')!, oldCode: code('old_code'), oldName: name('old_name'), newCode: code('new_code'), newName: name('new_name') };
    return problems.length ? { problems } : { row };
  }
  return { problems: [{ line, field: 'record', key: 'reference.classification.record' }] };
}

interface VersionRow {
  valid_from: string;
  valid_to: string | null;
  name: string;
}

export const classificationImport: Importer<ClassificationRow> = {
  kind: 'municipality-classification',
  title: { key: 'imports.title.municipalityClassification' },
  roles: [Role.OPERATOR],
  action: "Loading SSB's classification of municipalities",
  columns: COLUMNS,
  jsonAdapters: [versionAdapter, changesAdapter],
  maxRecords: MAX_RECORDS,
  read: readRecord,
  identity: (row) => (row.record === 'item' ? `item ${row.validFrom} ${row.code}` : `change ${row.changeOccurred} ${row.oldCode} → ${row.newCode}`),
  async plan({ tx }, rows) {
    const problems: ImportProblem[] = [];
    const changes: Message[] = [];
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    let deleted = 0;
    const writes: (() => Promise<unknown>)[] = [];

    // Versions: one per validFrom in the file, its validTo and name the same on every item.
    const items = rows.filter((r): r is Line<Extract<ClassificationRow, { record: 'item' }>> => r.row.record === 'item');
    const versions = new Map<string, { validTo: string | null; name: string; items: Map<string, string>; line: number }>();
    for (const { line, row } of items) {
      const v = versions.get(row.validFrom);
      if (!v) versions.set(row.validFrom, { validTo: row.validTo, name: row.versionName, items: new Map([[row.code, row.name]]), line });
      else if (v.validTo !== row.validTo || v.name !== row.versionName)
        problems.push({ line, field: 'version_valid_to', key: 'reference.classification.versionDiffers', params: { line: v.line, validFrom: row.validFrom } });
      else v.items.set(row.code, row.name);
    }
    const held: VersionRow[] = await tx.query(
      `SELECT to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, name FROM municipality_classification_version ORDER BY valid_from`,
    );
    for (const [validFrom, v] of versions) {
      const existing = held.find((h) => h.valid_from === validFrom);
      // The version in force before a newer one ends where the newer one starts.
      const open = held.find((h) => h.valid_to === null && h.valid_from < validFrom);
      const overlapping = held.filter((h) => h !== existing && h !== open && h.valid_from < (v.validTo ?? '9999-12-31') && (h.valid_to ?? '9999-12-31') > validFrom);
      if (overlapping.length) {
        problems.push({
          line: v.line,
          field: 'version_valid_from',
          key: 'reference.classification.overlaps',
          params: { validFrom, validTo: v.validTo ?? '', others: overlapping.map((h) => `${h.name} (${h.valid_from}–${h.valid_to ?? ''})`).join(', ') },
        });
        continue;
      }
      if (open && (v.validTo === null || v.validTo > open.valid_from)) {
        updated += 1;
        changes.push({ key: 'reference.change.closed', params: { name: open.name, date: validFrom } });
        writes.push(() => tx.query(`UPDATE municipality_classification_version SET valid_to = $1 WHERE valid_from = $2`, [validFrom, open.valid_from]));
      }
      if (!existing) {
        inserted += 1;
        changes.push(
          v.validTo
            ? { key: 'reference.change.newVersionTo', params: { name: v.name, from: validFrom, to: v.validTo, count: v.items.size } }
            : { key: 'reference.change.newVersion', params: { name: v.name, from: validFrom, count: v.items.size } },
        );
        writes.push(() => tx.query(`INSERT INTO municipality_classification_version (valid_from, valid_to, name) VALUES ($1, $2, $3)`, [validFrom, v.validTo, v.name]));
      } else if (existing.valid_to !== v.validTo || existing.name !== v.name) {
        updated += 1;
        changes.push({
          key: 'reference.change.validity',
          params: {
            name: existing.name,
            renamed: existing.name !== v.name ? { key: 'reference.change.renamed', params: { name: v.name } } : '',
            from: validFrom,
            to: v.validTo ?? '',
            was: existing.valid_to ?? { key: 'reference.change.untilFurtherNotice' },
          },
        });
        writes.push(() => tx.query(`UPDATE municipality_classification_version SET valid_to = $2, name = $3 WHERE valid_from = $1`, [validFrom, v.validTo, v.name]));
      } else unchanged += 1;
      const before: { code: string; name: string }[] = existing ? await tx.query(`SELECT code, name FROM municipality_classification_item WHERE valid_from = $1`, [validFrom]) : [];
      const had = new Map(before.map((b) => [b.code, b.name]));
      const upsert: [string, string][] = [];
      for (const [code, name] of v.items) {
        const old = had.get(code);
        if (old === name) unchanged += 1;
        else {
          if (old === undefined) inserted += 1;
          else updated += 1;
          if (existing)
            changes.push(
              old === undefined ? { key: 'reference.change.itemNew', params: { version: v.name, code, name } } : { key: 'reference.change.itemRenamed', params: { version: v.name, code, old, name } },
            );
          upsert.push([code, name]);
        }
      }
      const dropped = [...had.keys()].filter((code) => !v.items.has(code));
      for (const code of dropped) changes.push({ key: 'reference.change.itemDropped', params: { version: v.name, code, name: had.get(code) ?? '' } });
      deleted += dropped.length;
      if (upsert.length) {
        writes.push(() =>
          tx.query(
            `INSERT INTO municipality_classification_item (valid_from, code, name) SELECT $1, c, n FROM unnest($2::text[], $3::text[]) AS i(c, n)
             ON CONFLICT (valid_from, code) DO UPDATE SET name = EXCLUDED.name`,
            [validFrom, upsert.map((u) => u[0]), upsert.map((u) => u[1])],
          ),
        );
      }
      if (dropped.length) writes.push(() => tx.query(`DELETE FROM municipality_classification_item WHERE valid_from = $1 AND code = ANY ($2::text[])`, [validFrom, dropped]));
    }

    // Changes: added, or their names corrected; never deleted (a file may cover a few years only).
    const codeChanges = rows.filter((r): r is Line<Extract<ClassificationRow, { record: 'change' }>> => r.row.record === 'change').map((r) => r.row);
    if (codeChanges.length) {
      const existing: { key: string; old_name: string; new_name: string }[] = await tx.query(
        `SELECT to_char(change_occurred, 'YYYY-MM-DD') || ' ' || old_code || ' ' || new_code AS key, old_name, new_name FROM municipality_code_change`,
      );
      const byKey = new Map(existing.map((e) => [e.key, e]));
      const upsert = codeChanges.filter((c) => {
        const e = byKey.get(`${c.changeOccurred} ${c.oldCode} ${c.newCode}`);
        if (e && e.old_name === c.oldName && e.new_name === c.newName) {
          unchanged += 1;
          return false;
        }
        if (e) updated += 1;
        else inserted += 1;
        changes.push({
          key: 'reference.change.municipality',
          params: { date: c.changeOccurred, oldCode: c.oldCode, oldName: c.oldName, newCode: c.newCode, newName: c.newName, corrected: e ? { key: 'reference.change.namesCorrected' } : '' },
        });
        return true;
      });
      if (upsert.length) {
        writes.push(() =>
          tx.query(
            `INSERT INTO municipality_code_change (change_occurred, old_code, old_name, new_code, new_name)
             SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[])
             ON CONFLICT (change_occurred, old_code, new_code) DO UPDATE SET old_name = EXCLUDED.old_name, new_name = EXCLUDED.new_name`,
            [upsert.map((c) => c.changeOccurred), upsert.map((c) => c.oldCode), upsert.map((c) => c.oldName), upsert.map((c) => c.newCode), upsert.map((c) => c.newName)],
          ),
        );
      }
    }

    return {
      problems,
      inserted,
      updated,
      unchanged,
      deleted,
      changes,
      // Deployment level: no region (deployment_audit_record).
      audit: { entity: 'MunicipalityClassification', entityId: 'klass-131', regionId: null },
      async apply() {
        for (const write of writes) await write();
      },
    };
  },
};
