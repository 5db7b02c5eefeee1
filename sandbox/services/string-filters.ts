// String filters as Security Hub (AwsSecurityFindingFilters) and Amazon Inspector (FilterCriteria) apply them: on one
// field, the positive comparisons (EQUALS, PREFIX, CONTAINS) are joined by OR and the negative ones (NOT_EQUALS,
// PREFIX_NOT_EQUALS, NOT_CONTAINS) by AND; fields are joined by AND. A field with several values (a finding's
// resources, its associated standards) matches a positive filter when any value does, a negative one when none does.

/** One string filter, its comparison in Security Hub's or Inspector's spelling (both upper case). */
export interface StringCondition {
  comparison: string;
  value: string;
}

const POSITIVE: Record<string, (value: string, wanted: string) => boolean> = {
  EQUALS: (value, wanted) => value === wanted,
  PREFIX: (value, wanted) => value.startsWith(wanted),
  CONTAINS: (value, wanted) => value.includes(wanted),
};

const NEGATIVE: Record<string, keyof typeof POSITIVE> = {
  NOT_EQUALS: 'EQUALS',
  PREFIX_NOT_EQUALS: 'PREFIX',
  NOT_CONTAINS: 'CONTAINS',
};

/** Whether a comparison name is one of the six both services know. */
export function isKnownComparison(comparison: string): boolean {
  return comparison in POSITIVE || comparison in NEGATIVE;
}

/** Whether the field's values (one or several) pass the field's conditions. */
export function matchesField(values: (string | undefined)[], conditions: StringCondition[]): boolean {
  const present = values.filter((value): value is string => value !== undefined);
  const positive = conditions.filter((condition) => condition.comparison in POSITIVE);
  const negative = conditions.filter((condition) => condition.comparison in NEGATIVE);
  const anyPositive =
    positive.length === 0 ||
    positive.some(({ comparison, value }) => present.some((candidate) => POSITIVE[comparison](candidate, value)));
  const allNegative = negative.every(
    ({ comparison, value }) => !present.some((candidate) => POSITIVE[NEGATIVE[comparison]](candidate, value)),
  );
  return anyPositive && allNegative;
}
