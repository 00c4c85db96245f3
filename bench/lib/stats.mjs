// Small statistics helpers. All take plain arrays of numbers.

/** Linear-interpolated quantile of an already sorted array; NaN when empty. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Median of an unsorted array; NaN when empty. */
export function median(values) {
  return quantile(Float64Array.from(values).sort(), 0.5);
}

export function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}
