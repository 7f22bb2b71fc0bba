import { klass131Sample } from '../../src/seed/reference/klass-131-sample';
import { readKlassBundle } from '../../src/services/reference/klass-bundle';
import { MunicipalityHistory } from '../../src/services/reference/municipality-history';
import { municipalityHistoryCases } from '../reference/municipality-history-cases';
import { klassDir } from './ssb-files';

/**
 * SSB's whole classification of municipalities (KLASS 131, versions 2002–2024 and the changes):
 * history answers there as it does on the seed's excerpt, and the excerpt, written by hand, says
 * nothing SSB does not.
 */
const ssb = readKlassBundle(klassDir());
const history = new MunicipalityHistory(ssb, '2026-12-06');

describe("municipality history on SSB's KLASS 131", () => {
  municipalityHistoryCases(() => history);

  it("knows Norway's 357 municipalities of 2024", () => {
    expect(history.municipalitiesOn()).toHaveLength(357);
  });

  it("the seed's hand-written excerpt agrees with SSB: each item in SSB's version of its year, each change among SSB's", () => {
    const sample = klass131Sample();
    for (const version of sample.versions) {
      const theirs = new Map(ssb.versions.find((v) => v.validFrom === version.validFrom)!.items.map((i) => [i.code, i.name]));
      for (const item of version.items) expect({ year: version.validFrom, ...item }).toEqual({ year: version.validFrom, code: item.code, name: theirs.get(item.code) });
    }
    const key = (c: { changeOccurred: string; oldCode: string; oldName: string; newCode: string; newName: string }) => `${c.changeOccurred} ${c.oldCode} ${c.oldName} → ${c.newCode} ${c.newName}`;
    const theirs = new Set(ssb.changes.map(key));
    expect(sample.changes.map(key).filter((c) => !theirs.has(c))).toEqual([]);
  });
});
