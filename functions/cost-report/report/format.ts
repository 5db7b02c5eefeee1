// Number formatting shared by the HTML, the CSV-free parts of the notice and the tests.

export function usd(value: number, unit = 'USD'): string {
  const text = value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${text === '-0.00' ? '0.00' : text} ${unit}`;
}

/** Whole dollars, for titles (SNS subjects stop at 100 characters). */
export function wholeUsd(value: number, unit = 'USD'): string {
  return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
}

export function signedUsd(value: number, unit = 'USD'): string {
  return `${value > 0 ? '+' : ''}${usd(value, unit)}`;
}

export function percent(value: number | null, digits = 0): string {
  if (value === null) return 'new';
  return `${value > 0 ? '+' : ''}${(value * 100).toFixed(digits)}%`;
}

/**
 * How a budget alert words the month's amount: a finished month "came to" its spend (nothing is projected), a month
 * under way is "projected at" its forecast, or "already at" its spend to date when no forecast is known.
 */
export function budgetVerb(complete: boolean, projected: boolean): string {
  if (complete) return 'came to';
  return projected ? 'projected at' : 'already at';
}
