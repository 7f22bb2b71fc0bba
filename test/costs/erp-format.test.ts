import { LedgerDateFormat, LedgerSignConvention } from '../../src/entities/costs/ledger-mapping';
import { amountOre, parseDate, parseKroner } from '../../src/services/costs/erp-format';

/** Amounts and dates as Norwegian ERPs write them, into øre and ISO dates (pure functions). */
describe('parseKroner', () => {
  it.each([
    ['1 234,50', 123450n],
    ['-1 234,50', -123450n],
    ['1\u00a0234,50', 123450n],
    ['1.234,50', 123450n],
    ['1234,5', 123450n],
    ['1234', 123400n],
    ['0,07', 7n],
    ['12 345 678,90', 1234567890n],
  ])('reads %j with a decimal comma as %s øre', (text, ore) => {
    expect(parseKroner(text, ',', false)).toBe(ore);
  });

  it('reads a trailing minus only where the convention has one', () => {
    expect(parseKroner('1 234,50-', ',', true)).toBe(-123450n);
    expect(parseKroner('-1 234,50', ',', true)).toBe(-123450n);
    expect(parseKroner('1 234,50-', ',', false)).toBeNull();
  });

  it.each(['12a4,50', '1 23,50', '1,234.50', '1 234,505', '', '-', '1 234,50--', '12,34,5'])('refuses %j (decimal comma)', (text) => {
    expect(parseKroner(text, ',', true)).toBeNull();
  });

  it('reads a decimal point with comma groups when the mapping says so', () => {
    expect(parseKroner('1,234.50', '.', false)).toBe(123450n);
    expect(parseKroner('1 234,50', '.', false)).toBeNull();
  });
});

describe('amountOre', () => {
  it('takes debit − credit from two columns, a blank one as zero', () => {
    expect(amountOre({ debit: '1 000,00', credit: '' }, ',', LedgerSignConvention.DEBIT_CREDIT_COLUMNS)).toBe(100000n);
    expect(amountOre({ debit: '', credit: '250,50' }, ',', LedgerSignConvention.DEBIT_CREDIT_COLUMNS)).toBe(-25050n);
    expect(amountOre({ debit: 'x', credit: '' }, ',', LedgerSignConvention.DEBIT_CREDIT_COLUMNS)).toEqual({ bad: 'debit' });
    expect(amountOre({ amount: 'abc' }, ',', LedgerSignConvention.LEADING_MINUS)).toEqual({ bad: 'amount' });
  });
});

describe('parseDate', () => {
  it('reads 31.01.2026 and the other formats, and refuses dates that do not exist', () => {
    expect(parseDate('31.01.2026', LedgerDateFormat.DD_MM_YYYY)).toBe('2026-01-31');
    expect(parseDate('20260131', LedgerDateFormat.YYYYMMDD)).toBe('2026-01-31');
    expect(parseDate('31/01/2026', LedgerDateFormat.DD_SLASH_MM_SLASH_YYYY)).toBe('2026-01-31');
    expect(parseDate('2026-01-31', LedgerDateFormat.YYYY_MM_DD)).toBe('2026-01-31');
    expect(parseDate('31.02.2026', LedgerDateFormat.DD_MM_YYYY)).toBeNull();
    expect(parseDate('2026-01-31', LedgerDateFormat.DD_MM_YYYY)).toBeNull();
  });
});
