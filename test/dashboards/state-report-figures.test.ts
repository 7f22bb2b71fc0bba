import { createHash } from 'node:crypto';
import { StateReportSectionKey } from '../../src/entities/dashboards';
import { canonicalJson, contentSha256, reportYear, withSection } from '../../src/services/dashboards/state-report-figures';

/** The pure parts of the state-of-service report (src/services/dashboards/state-report-figures.ts). */

describe('reportYear', () => {
  it('a past year is as of its last day; this year as of today (Oslo day given); a future year or one before 2000 is refused', () => {
    expect(reportYear(2024, '2026-03-15')).toEqual({ year: 2024, asOf: '2024-12-31', month: '2024-12' });
    expect(reportYear(2026, '2026-03-15')).toEqual({ year: 2026, asOf: '2026-03-15', month: '2026-03' });
    expect(reportYear(2027, '2026-12-31')).toEqual({ problem: 'dashboards.reportYearInFuture', params: { year: 2027, thisYear: 2026 } });
    expect(reportYear(1999, '2026-03-15')).toEqual({ problem: 'dashboards.reportYearTooEarly', params: {} });
  });
});

describe('canonicalJson and contentSha256', () => {
  it('sorts keys at every level and keeps array order, so the same content gives the same hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    const a = contentSha256({ x: 1, y: [1, 2] }, { SUMMARY: 'Tekst' });
    expect(a).toBe(contentSha256({ y: [1, 2], x: 1 }, { SUMMARY: 'Tekst' }));
    expect(a).toBe(createHash('sha256').update('{"figures":{"x":1,"y":[1,2]},"sections":{"SUMMARY":"Tekst"}}').digest('hex'));
    expect(a).not.toBe(contentSha256({ x: 1, y: [2, 1] }, { SUMMARY: 'Tekst' }));
    expect(a).not.toBe(contentSha256({ x: 1, y: [1, 2] }, { SUMMARY: 'Tekst.' }));
  });
});

describe('withSection', () => {
  it('writes trimmed text, removes a section for blank or null text, and leaves the others', () => {
    const one = withSection({}, StateReportSectionKey.SUMMARY, '  Sammendrag.  ');
    expect(one).toEqual({ SUMMARY: 'Sammendrag.' });
    const two = withSection(one, StateReportSectionKey.PLAN, 'Plan.');
    expect(two).toEqual({ SUMMARY: 'Sammendrag.', PLAN: 'Plan.' });
    expect(withSection(two, StateReportSectionKey.SUMMARY, ' \n ')).toEqual({ PLAN: 'Plan.' });
    expect(withSection(two, StateReportSectionKey.PLAN, null)).toEqual({ SUMMARY: 'Sammendrag.' });
    expect(one).toEqual({ SUMMARY: 'Sammendrag.' });
  });
});
