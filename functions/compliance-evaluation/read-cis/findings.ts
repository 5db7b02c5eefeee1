// The failing controls of the benchmark in a region: Security Hub GetFindings for the read standards with
// ComplianceStatus FAILED, RecordState ACTIVE, workflow not SUPPRESSED (a human accepted it in Security Hub) and the
// region itself (with cross-region aggregation the home region also returns linked regions' findings), 100 a page.
// Findings are grouped per account and control: one row per control, its failing resources listed.
import { type AwsSecurityFinding, GetFindingsCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { asSeverity, type FailingControl, severityRank } from '../model/readings.ts';

const MAX_LISTED_RESOURCES = 25;
const CIS_REQUIREMENT = /^CIS AWS Foundations Benchmark (v[\d.]+\/.+)$/;

const equals = (Value: string) => ({ Comparison: 'EQUALS' as const, Value });

/** Every failed, active, unsuppressed finding of the standards (ids) in the region. */
export async function failedFindings(
  client: SecurityHubClient,
  region: string,
  standards: string[],
): Promise<AwsSecurityFinding[]> {
  const findings: AwsSecurityFinding[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new GetFindingsCommand({
        Filters: {
          ComplianceAssociatedStandardsId: standards.map(equals),
          ComplianceStatus: [equals('FAILED')],
          RecordState: [equals('ACTIVE')],
          WorkflowStatus: [{ Comparison: 'NOT_EQUALS', Value: 'SUPPRESSED' }],
          Region: [equals(region)],
        },
        MaxResults: 100,
        NextToken,
      }),
    );
    findings.push(...(page.Findings ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return findings;
}

/** The control a finding checks: its security control id (consolidated findings), else the legacy ControlId. */
function controlOf(finding: AwsSecurityFinding): string {
  return (
    finding.Compliance?.SecurityControlId ??
    finding.ProductFields?.ControlId ??
    finding.GeneratorId?.split('/').pop() ??
    'unknown'
  );
}

/** One row per account and control, worst severity, earliest first observation, resources deduplicated. */
export function failingControls(findings: AwsSecurityFinding[], standards: string[]): FailingControl[] {
  const byControl = new Map<string, { control: FailingControl; resources: Set<string> }>();
  for (const finding of findings) {
    const account = finding.AwsAccountId ?? '';
    const control = controlOf(finding);
    const key = `${account}|${control}`;
    let entry = byControl.get(key);
    if (!entry) {
      entry = {
        control: {
          account,
          control,
          requirements: [],
          title: finding.Title ?? control,
          resources: [],
          resourceCount: 0,
          standards: [],
        },
        resources: new Set(),
      };
      byControl.set(key, entry);
    }
    const row = entry.control;
    const severity = asSeverity(finding.Severity?.Label);
    if (severityRank(severity) > severityRank(row.severity)) row.severity = severity;
    for (const requirement of finding.Compliance?.RelatedRequirements ?? []) {
      const match = CIS_REQUIREMENT.exec(requirement);
      if (match && !row.requirements.includes(match[1])) row.requirements.push(match[1]);
    }
    for (const standard of finding.Compliance?.AssociatedStandards ?? []) {
      const id = standard.StandardsId ?? '';
      if (standards.includes(id) && !row.standards.includes(id)) row.standards.push(id);
    }
    for (const resource of finding.Resources ?? []) if (resource.Id) entry.resources.add(resource.Id);
    const observed = finding.FirstObservedAt ?? finding.CreatedAt;
    if (observed && (!row.firstObservedAt || observed < row.firstObservedAt)) row.firstObservedAt = observed;
  }
  return [...byControl.values()]
    .map(({ control, resources }) => ({
      ...control,
      resources: [...resources].sort().slice(0, MAX_LISTED_RESOURCES),
      resourceCount: resources.size,
    }))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.control.localeCompare(b.control));
}
