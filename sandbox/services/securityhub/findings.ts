// Security Hub findings: GetFindings with string filters on the fields below (others fail loudly as not modelled),
// MaxResults 1-100 (default 100) and NextToken pagination. Findings are stored in ASFF, as GetFindings returns them.
import type { GetFindingsRequest, StringFilter } from '@aws-sdk/client-securityhub';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { SecurityHubState } from '../../state.ts';
import { paginate } from '../pagination.ts';
import { isKnownComparison, matchesField } from '../string-filters.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireHub, securityHubOf } from './hub.ts';

type StoredFinding = SecurityHubState['findings'][number];

/** AwsSecurityFindingFilters members the sandbox models, with the finding values each one reads. */
const FIELDS: Record<string, (finding: StoredFinding) => (string | undefined)[]> = {
  AwsAccountId: (f) => [f.AwsAccountId],
  Id: (f) => [f.Id],
  GeneratorId: (f) => [f.GeneratorId],
  ProductArn: (f) => [f.ProductArn],
  ProductName: (f) => [f.ProductName],
  Region: (f) => [f.Region],
  Title: (f) => [f.Title],
  SeverityLabel: (f) => [f.Severity?.Label],
  RecordState: (f) => [f.RecordState],
  WorkflowStatus: (f) => [f.Workflow?.Status],
  ComplianceStatus: (f) => [f.Compliance?.Status],
  ComplianceSecurityControlId: (f) => [f.Compliance?.SecurityControlId],
  ComplianceAssociatedStandardsId: (f) => (f.Compliance?.AssociatedStandards ?? []).map((s) => s.StandardsId),
  ResourceType: (f) => (f.Resources ?? []).map((r) => r.Type),
  ResourceId: (f) => (f.Resources ?? []).map((r) => r.Id),
};

const MAX_FILTER_FIELDS = 10;
const MAX_VALUES_PER_FIELD = 20;

const invalidInput = (message: string) => awsError('InvalidInputException', message);

function checkedFilters(filters: Record<string, unknown>): [string, StringFilter[]][] {
  const given = Object.entries(filters).filter(([, value]) => value !== undefined);
  if (given.length > MAX_FILTER_FIELDS)
    throw invalidInput(`You can filter by up to ${MAX_FILTER_FIELDS} finding attributes.`);
  return given.map(([name, value]) => {
    if (!(name in FIELDS)) throw new NotImplementedInSandbox('SecurityHub', 'GetFindings', `filter ${name}`);
    const conditions = value as StringFilter[];
    if (conditions.length > MAX_VALUES_PER_FIELD)
      throw invalidInput(`You can provide up to ${MAX_VALUES_PER_FIELD} filter values for ${name}.`);
    for (const condition of conditions) {
      if (!condition.Value || !isKnownComparison(condition.Comparison ?? ''))
        throw invalidInput(`Invalid string filter for ${name}: a Value and a valid Comparison are required.`);
    }
    return [name, conditions];
  });
}

function getFindings(ctx: HandlerContext, input: GetFindingsRequest) {
  requireHub(ctx);
  if (input.SortCriteria?.length) throw new NotImplementedInSandbox('SecurityHub', 'GetFindings', 'SortCriteria');
  const pageSize = input.MaxResults ?? 100;
  if (pageSize < 1 || pageSize > 100) throw invalidInput('MaxResults must be between 1 and 100.');
  const filters = checkedFilters((input.Filters ?? {}) as Record<string, unknown>);
  const matching = securityHubOf(ctx).findings.filter((finding) =>
    filters.every(([name, conditions]) =>
      matchesField(
        FIELDS[name](finding),
        conditions.map((c) => ({ comparison: c.Comparison ?? '', value: c.Value ?? '' })),
      ),
    ),
  );
  const page = paginate(matching, (finding) => finding.Id, {
    token: input.NextToken,
    pageSize,
    invalidToken: () => invalidInput('The NextToken provided is invalid.'),
  });
  return { Findings: page.items, NextToken: page.nextToken };
}

export const securityHubFindingHandlers: Handlers = { GetFindings: getFindings };
