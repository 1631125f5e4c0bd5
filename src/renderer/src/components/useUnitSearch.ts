/**
 * The search every long list of units shares (the dashboard's dialogs, the drill-down drawer, the unit register):
 * it ignores diacritics and case, and each word typed must appear in the item's text. Each item's search key is
 * computed once per list, and only once the officer starts searching (a national list has thousands of units, and
 * the list must show before anyone types). `textOf` must be a stable function (module level or memoised): the
 * keys are computed again when it changes.
 */
import { useMemo } from 'react';
import { searchKey } from '../../../shared/text/vi';

/** the words of a query, each as its search key (no diacritics, lower case) */
export const searchWords = (query: string): string[] => searchKey(query).split(' ').filter(Boolean);

export function useUnitSearch<T>(items: T[], textOf: (item: T) => string, query: string): T[] {
  const words = useMemo(() => searchWords(query), [query]);
  const searching = words.length > 0;
  const keys = useMemo(() => (searching ? items.map((x) => searchKey(textOf(x))) : null), [items, textOf, searching]);
  return useMemo(
    () => (keys ? items.filter((_, i) => words.every((w) => keys[i]!.includes(w))) : items),
    [items, keys, words],
  );
}
