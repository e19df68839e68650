// Small tallies the sections make from the report rows, which SQL already aggregated: the
// pages only regroup them (by province, by rule), never recount from the warehouse.

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function sumOf<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

/** Sums `value` over the items sharing a key, keeping the keys in first-seen order. */
export function sumByKey<T>(items: T[], key: (item: T) => string, value: (item: T) => number) {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item));
  return sums;
}
