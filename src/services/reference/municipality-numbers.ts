import { Context } from '../../context';
import type { Message } from '../../i18n';
import { describeRefs, MunicipalityHistory } from './municipality-history';
import { loadMunicipalityHistory } from './onboarding';

/**
 * Today's kommunenummer of a number a file uses about a past period (a 2019 file says 0439 for
 * Folldal, 3429 since 2020), through SSB's classification (KLASS 131). A number valid today is
 * today's municipality whatever the period (SSB's own tables give past years under today's
 * numbers); a number valid neither then nor today is refused naming the numbers valid then; a
 * municipality split since is refused as not comparable. Without a classification loaded, numbers
 * are taken as they are. One per import: `numbersToday(ctx)` loads the classification once.
 */
export type NumberToday = { number: string; problem?: undefined } | { number?: undefined; problem: Message };

export async function numbersToday(ctx: Context): Promise<(number: string, onDate: string, periodName: string) => NumberToday> {
  const history: MunicipalityHistory = await loadMunicipalityHistory(ctx);
  return (number, onDate, periodName): NumberToday => {
    if (!history.hasVersions || history.resolve(number, history.today).status === 'CURRENT') return { number };
    const r = history.resolve(number, onDate);
    if (r.currentNumber && r.comparable) return { number: r.currentNumber };
    const validThen: Message | '' = r.alternatives.length ? { key: 'reference.numbers.validThen', params: { refs: describeRefs(r.alternatives) } } : '';
    if (r.status === 'SPLIT') return { problem: { key: 'reference.numbers.split', params: { number, validThen } } };
    return { problem: { key: 'reference.numbers.notValid', params: { number, period: periodName, validThen } } };
  };
}
