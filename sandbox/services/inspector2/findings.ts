// Amazon Inspector findings: ListFindings with string filters on the criteria below (others fail loudly as not
// modelled; at most 10 conditions per criterion), maxResults 1-100 and nextToken pagination.
import type { ListFindingsRequest, StringFilter } from '@aws-sdk/client-inspector2';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { InspectorState } from '../../state.ts';
import { paginate } from '../pagination.ts';
import { matchesField } from '../string-filters.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { inspectorOf } from './account.ts';

type StoredFinding = InspectorState['findings'][number];

const ecrImage = (f: StoredFinding) => (f.resources ?? []).map((r) => r.details?.awsEcrContainerImage);

/** FilterCriteria members the sandbox models, with the finding values each one reads. */
const CRITERIA: Record<string, (finding: StoredFinding) => (string | undefined)[]> = {
  awsAccountId: (f) => [f.awsAccountId],
  findingArn: (f) => [f.findingArn],
  findingType: (f) => [f.type],
  severity: (f) => [f.severity],
  findingStatus: (f) => [f.status],
  title: (f) => [f.title],
  fixAvailable: (f) => [f.fixAvailable],
  vulnerabilityId: (f) => [f.packageVulnerabilityDetails?.vulnerabilityId],
  resourceType: (f) => (f.resources ?? []).map((r) => r.type),
  resourceId: (f) => (f.resources ?? []).map((r) => r.id),
  ecrImageRepositoryName: (f) => ecrImage(f).map((image) => image?.repositoryName),
  ecrImageRegistry: (f) => ecrImage(f).map((image) => image?.registry),
  ecrImageHash: (f) => ecrImage(f).map((image) => image?.imageHash),
  ecrImageTags: (f) => ecrImage(f).flatMap((image) => image?.imageTags ?? []),
};

const COMPARISONS = ['EQUALS', 'PREFIX', 'NOT_EQUALS'];
const MAX_CONDITIONS = 10;

const validation = (message: string) => awsError('ValidationException', message);

function checkedCriteria(criteria: Record<string, unknown>): [string, StringFilter[]][] {
  return Object.entries(criteria)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      if (!(name in CRITERIA)) throw new NotImplementedInSandbox('Inspector2', 'ListFindings', `filter ${name}`);
      const conditions = value as StringFilter[];
      if (conditions.length < 1 || conditions.length > MAX_CONDITIONS)
        throw validation(`filterCriteria.${name} must contain between 1 and ${MAX_CONDITIONS} items.`);
      for (const condition of conditions) {
        if (!COMPARISONS.includes(condition.comparison ?? '') || !condition.value)
          throw validation(`filterCriteria.${name}: comparison must be one of ${COMPARISONS.join(', ')}.`);
      }
      return [name, conditions];
    });
}

function listFindings(ctx: HandlerContext, input: ListFindingsRequest) {
  if (input.sortCriteria) throw new NotImplementedInSandbox('Inspector2', 'ListFindings', 'sortCriteria');
  const pageSize = input.maxResults ?? 100;
  if (pageSize < 1 || pageSize > 100) throw validation('maxResults must be between 1 and 100.');
  const criteria = checkedCriteria((input.filterCriteria ?? {}) as Record<string, unknown>);
  const matching = inspectorOf(ctx).findings.filter((finding) =>
    criteria.every(([name, conditions]) =>
      matchesField(
        CRITERIA[name](finding),
        conditions.map((c) => ({ comparison: c.comparison ?? '', value: c.value ?? '' })),
      ),
    ),
  );
  const page = paginate(matching, (finding) => finding.findingArn, {
    token: input.nextToken,
    pageSize,
    invalidToken: () => validation('The nextToken provided is invalid.'),
  });
  return { findings: page.items, nextToken: page.nextToken };
}

export const inspectorFindingHandlers: Handlers = { ListFindings: listFindings };
