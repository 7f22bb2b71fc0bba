import { Readable } from 'node:stream';
import { FileReader, Importer, readerFor } from '../../src/services/imports/importer';
import { readImport } from '../../src/services/imports/run';

/** A format of its own: fixed-width lines "NNNNvvvvv" (kommunenummer, value), as KOSTRA's position files are. */
const fixedWidth: FileReader = {
  name: 'fixed',
  extensions: ['.dat'],
  contentTypes: ['text/x-fixed'],
  async *records(input, problems) {
    let line = 0;
    let rest = '';
    for await (const chunk of input) {
      const parts = (rest + (chunk as Buffer).toString('latin1')).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) {
        line += 1;
        if (text.length !== 9) problems.add({ line, field: null, key: 'costs.kostra.lineLength', params: { length: text.length } });
        else yield { line, record: { municipality: text.slice(0, 4), value: text.slice(4) } };
      }
    }
  },
};

const importer: Importer<{ municipality: string; value: number }> = {
  kind: 'fixed-test',
  title: { key: 'imports.title.statistics' },
  roles: [],
  action: 'Testing',
  columns: ['municipality', 'value'],
  numericColumns: ['value'],
  readers: [fixedWidth],
  read: (r, line) =>
    /^\d+$/.test(String(r.value))
      ? { row: { municipality: String(r.municipality), value: Number(r.value) } }
      : { problems: [{ line, field: 'value', key: 'imports.notWholeNumber', params: { value: String(r.value) } }] },
  identity: (row) => row.municipality,
};

const file = (text: string) => Readable.from([Buffer.from(text, 'latin1')]);

describe('file readers: an importer’s own formats go through the same runner', () => {
  it('chooses a reader by format name, Content-Type or file ending, and nothing else', () => {
    expect(readerFor(importer, { format: 'fixed' })).toBe(fixedWidth);
    expect(readerFor(importer, { contentType: 'text/x-fixed' })).toBe(fixedWidth);
    expect(readerFor(importer, { fileName: 'KOSTRA.DAT' })).toBe(fixedWidth);
    expect(readerFor(importer, { contentType: 'text/csv', fileName: 'a.csv' })).toBeUndefined();
  });

  it('reads typed rows from the reader’s records, with the runner’s checks (duplicates, field rules)', async () => {
    const { rows, records, problems } = await readImport(importer, file('342900012\n3428000x5\n342900013\n'), { format: 'fixed', dryRun: true });
    expect(records).toBe(3);
    expect(rows).toEqual([{ line: 1, row: { municipality: '3429', value: 12 } }]);
    expect(problems.report()).toEqual([
      { line: 2, field: 'value', key: 'imports.notWholeNumber', params: { value: '000x5' } },
      { line: 3, field: null, key: 'imports.duplicate', params: { first: 1, identity: '3429' } },
    ]);
  });

  it('passes on what the reader finds wrong, with its line', async () => {
    const { rows, problems } = await readImport(importer, file('34290001\n'), { format: 'fixed', dryRun: true });
    expect(rows).toEqual([]);
    expect(problems.report()).toEqual([{ line: 1, field: null, key: 'costs.kostra.lineLength', params: { length: 8 } }]);
  });

  it('applies the size limit to a reader’s file as to CSV (413)', async () => {
    await expect(readImport(importer, file('342900012\n'.repeat(10)), { format: 'fixed', dryRun: true, maxBytes: 50 })).rejects.toMatchObject({ extensions: { http: { status: 413 } } });
  });

  it('refuses a format the importer does not have (415), naming the ones it has', async () => {
    await expect(readImport(importer, file('x'), { format: 'xml', dryRun: true })).rejects.toThrow(/csv, json, fixed/);
  });
});
