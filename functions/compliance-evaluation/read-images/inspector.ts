// Amazon Inspector's view of an ECR image: whether Inspector scans ECR in the region (BatchGetAccountStatus), and
// the active package vulnerabilities of one image (ListFindings filtered by repository, tag, digest and severity,
// 100 a page), one entry per CVE with its vulnerable packages and the versions that fix them.
import { BatchGetAccountStatusCommand, type Inspector2Client, ListFindingsCommand } from '@aws-sdk/client-inspector2';
import type { FindingSeverity } from '../config.ts';
import { asSeverity, type ImageVulnerability } from '../model/readings.ts';

const equals = (value: string) => ({ comparison: 'EQUALS' as const, value });

/** Whether Inspector's ECR scanning is on for the caller's account in the client's region. */
export async function inspectorScansEcr(client: Inspector2Client): Promise<boolean> {
  const status = await client.send(new BatchGetAccountStatusCommand({}));
  return status.accounts?.[0]?.resourceState?.ecr?.status === 'ENABLED';
}

/** Inspector writes NotAvailable where no fixed version exists. */
const fixedVersion = (version: string | undefined) => (version && version !== 'NotAvailable' ? version : undefined);

/** What Inspector findings and ECR enhanced findings share (their SDK types differ only in what is optional). */
interface PackageFinding {
  title?: string;
  severity?: string;
  firstObservedAt?: Date;
  packageVulnerabilityDetails?: {
    vulnerabilityId?: string;
    sourceUrl?: string;
    vulnerablePackages?: { name?: string; version?: string; fixedInVersion?: string }[];
  };
}

/** A finding as one of our vulnerabilities (also used for ECR enhanced findings, which carry the same details). */
export function vulnerabilityOf(finding: PackageFinding): ImageVulnerability {
  const details = finding.packageVulnerabilityDetails;
  return {
    id: details?.vulnerabilityId ?? finding.title ?? 'unknown',
    severity: asSeverity(finding.severity),
    packages: (details?.vulnerablePackages ?? []).map((p) => ({
      name: p.name ?? '',
      installedVersion: p.version,
      fixedInVersion: fixedVersion(p.fixedInVersion),
    })),
    title: finding.title,
    url: details?.sourceUrl,
    firstObservedAt: finding.firstObservedAt?.toISOString(),
  };
}

/** The image's active package vulnerabilities of the given severities. */
export async function inspectorVulnerabilities(
  client: Inspector2Client,
  image: { repository: string; tag: string; digest: string; severities: FindingSeverity[] },
): Promise<ImageVulnerability[]> {
  const found: ImageVulnerability[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListFindingsCommand({
        filterCriteria: {
          ecrImageRepositoryName: [equals(image.repository)],
          ecrImageTags: [equals(image.tag)],
          ecrImageHash: [equals(image.digest)],
          severity: image.severities.map(equals),
          findingStatus: [equals('ACTIVE')],
          findingType: [equals('PACKAGE_VULNERABILITY')],
        },
        maxResults: 100,
        nextToken,
      }),
    );
    found.push(...(page.findings ?? []).map(vulnerabilityOf));
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}
