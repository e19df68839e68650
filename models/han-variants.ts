// Traditional and variant Han characters with their simplified form, from opencc-js, for comparing
// names: 張三 and 张三 are one name. The map is per character, not per phrase: a name is not a
// word, and the same character must fold the same way in every name (乾 folds to 干 everywhere).
// It fills the `han_variant` table, and SQL folds names with it (sql/name_key.sql).

import * as OpenCC from 'opencc-js';

export interface HanVariantRow {
  variant: string;
  simplified: string;
}

let cached: HanVariantRow[] | undefined;

/** One row per character that opencc-js turns into another single character. */
export function hanVariantRows(): HanVariantRow[] {
  cached ??= buildRows();
  return cached;
}

function buildRows(): HanVariantRow[] {
  const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const groups = [...OpenCC.Locale.from.hk!, ...OpenCC.Locale.from.tw!, ...OpenCC.Locale.to.cn!];
  const characters = new Set(groups.flatMap((group) => group.flatMap(singleCharacterKeys)));
  const folds = new Map<string, string>();
  for (const variant of [...characters].sort()) {
    const simplified = toSimplified(variant);
    if (simplified !== variant && [...simplified].length === 1) folds.set(variant, simplified);
  }
  // Fold to a fixed point, so a character and its fold always meet (薴 → 苧 → 苎).
  const fold = (c: string): string => (folds.has(c) ? fold(folds.get(c)!) : c);
  return [...folds.keys()].map((variant) => ({ variant, simplified: fold(variant) }));
}

// opencc-js dictionaries are `key value|key value…` strings or [key, value] pairs.
function singleCharacterKeys(dict: OpenCC.DictLike): string[] {
  const keys: string[] = typeof dict === 'string'
    ? dict.split('|').map((entry) => entry.split(' ')[0] ?? '')
    : dict.map((pair: readonly [string, string]) => pair[0]);
  return keys.filter((key) => [...key].length === 1);
}
