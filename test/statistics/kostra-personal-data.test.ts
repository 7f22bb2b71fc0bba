import fs from 'node:fs';
import { Writable } from 'node:stream';
import { generate15f, syntheticFnr } from '../../bench/kostra-15f';
import { createLogger } from '../../src/logger';
import { mod11Valid } from '../../src/services/statistics/barnevern-15f-rules';
import { startTestApp, TestApp } from '../helpers/test-app';
import { ssbFile, ssbTestfiles } from '../ssb/ssb-files';
import { addKostraTestOwners, fixture, FIXTURE_DIR, record, tablesHolding, upload } from './kostra-helpers';

/**
 * The personal data in a KOSTRA 15F file (fødselsnummer, DUF number, journal number, caseworker)
 * is used to count distinct children in memory and never leaves it: after importing our own 15F
 * files (test/fixtures/kostra/barnevern: the OK ones, the refused ones, the ADVARSEL ones, all with
 * synthetic numbers), every one of SSB's own 15F test files (test/fixtures/ssb-kostra-kontrollprogram/15F,
 * the OK, FEIL and ADVARSEL ones and the two without a verdict in their name) and a generated file
 * whose children have valid-checksum synthetic fødselsnumre, no table (every text and JSON column of
 * every table, read as the database owner), no log line and no answer holds any of those values.
 */

const lines: string[] = [];
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, createLogger('debug', new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) })));
  await addKostraTestOwners(app);
});
afterAll(() => app?.close());

/** The personal values of a 15F file: every fødselsnummer, DUF number, journal number and caseworker. */
function personalValues(xml: string): string[] {
  const values = new Set<string>();
  for (const m of xml.matchAll(/\b(Fodselsnummer|DUFnummer|Dufnummer|Journalnummer|Saksbehandler)="([^"]+)"/g)) values.add(m[2]);
  return [...values];
}

it('keeps no fødselsnummer, journal number or caseworker of the files in any table, log line or answer', async () => {
  const ours = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.xml'));
  expect(ours.length).toBeGreaterThanOrEqual(10);
  const generated = [...generate15f({ kommunenummer: '3424', year: 2022, individs: 50, identity: 'synthetic-fnr', marker: 'PDTEST' })].join('');
  const values = new Set<string>(personalValues(generated));
  const answers: string[] = [];
  for (const name of ours) {
    const body = fixture(name);
    for (const v of personalValues(body.toString('latin1'))) values.add(v);
    answers.push((await upload(app, 'kostra-barnevern', body, { fileName: name })).text);
  }
  // SSB's own files, every one of them (the blank and junk ones hold nothing personal).
  const ssbValues = new Set<string>();
  for (const name of ssbTestfiles()) {
    const body = ssbFile(name);
    for (const v of personalValues(body.toString('latin1'))) {
      ssbValues.add(v);
      values.add(v);
    }
    answers.push((await upload(app, 'kostra-barnevern', body, { fileName: name })).text);
  }
  // Not vacuous: SSB's files hold fødselsnumre, journal numbers and caseworkers' names.
  expect([...ssbValues].filter((v) => /^\d{11}$/.test(v)).length).toBeGreaterThan(20);
  expect([...ssbValues]).toEqual(expect.arrayContaining(['Sara Saksbehandler', '10060126777', 'aKM3IaG3esX9H4DhCZmw']));
  const mine = await upload(app, 'kostra-barnevern', Buffer.from(generated, 'utf8'), { fileName: 'synthetic.xml' });
  expect([mine.status, mine.body.applied]).toEqual([200, true]);
  answers.push(mine.text);
  // KOSTRA 11F: the same rule (a recipient's fødselsnummer and journal number), also in a refused file.
  const recipients = [0, 1, 2].map((i) => ({ journal: `PDN${100 + i}`, fnr: syntheticFnr(900 + i), bidrag: Array.from({ length: 12 }, (_, m) => (m === i ? 1000 : 0)) }));
  for (const r of recipients) values.add(r.fnr).add(r.journal);
  const nav = Buffer.from(recipients.map(record).join('\n'), 'latin1');
  const navOk = await upload(app, 'kostra-sosialhjelp', nav, { type: 'text/x-kostra-11f', fileName: 'nav.dat' });
  expect([navOk.status, navOk.body.applied]).toEqual([200, true]);
  const navBad = await upload(app, 'kostra-sosialhjelp', Buffer.from(`${record(recipients[0]).slice(0, -2)}\n`, 'latin1'), { type: 'text/x-kostra-11f', fileName: 'nav-bad.dat' });
  expect(navBad.status).toBe(422);
  answers.push(navOk.text, navBad.text);

  // The check is not vacuous: the files hold valid numbers and the OK files were imported.
  const fnrs = [...values].filter((v) => /^\d{11}$/.test(v));
  expect(fnrs.filter(mod11Valid).length).toBeGreaterThan(50);
  expect(fnrs).toContain(syntheticFnr(0));
  // Ours: two OK files, one ADVARSEL file; SSB's: two OK files, testfile_all_fields_set.xml; the generated one.
  expect(Number((await app.owner.query(`SELECT count(*) AS n FROM audit_record WHERE operation = 'import:kostra-barnevern'`)).rows[0].n)).toBeGreaterThanOrEqual(6);
  expect(lines.length).toBeGreaterThan(0);

  // Only values long enough to be unmistakable (not a short Id such as "C1").
  const distinctive = [...values].filter((v) => v.length >= 6);
  expect(distinctive.length).toBeGreaterThan(100);
  expect([...ssbValues].filter((v) => v.length >= 6).every((v) => distinctive.includes(v))).toBe(true);
  // The scan finds what is there (a municipality's name), and none of the values.
  expect(await tablesHolding(app, ['Folldal'])).toContain('"public"."municipality".name');
  expect(await tablesHolding(app, distinctive)).toEqual([]);
  const leaks = (text: string) => distinctive.filter((v) => text.includes(v));
  expect(leaks(lines.join(''))).toEqual([]);
  expect(leaks(answers.join('\n'))).toEqual([]);
});
