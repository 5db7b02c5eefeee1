// ECR's own scan of an image where Inspector does not scan ECR: DescribeImageScanFindings (paginated, 1000 a page).
// Basic scanning names the package and installed version but no fixed-in version; an image never scanned answers
// ScanNotFoundException, which the report turns into how to get a scan rather than into a failed run.
import { DescribeImageScanFindingsCommand, type ECRClient, type ImageScanFinding } from '@aws-sdk/client-ecr';
import type { FindingSeverity } from '../config.ts';
import { asSeverity, type ImageReading, type ImageVulnerability } from '../model/readings.ts';
import { vulnerabilityOf } from './inspector.ts';

/** What an ECR scan says about an image: `ok` with its vulnerabilities, or why there are none to read. */
export type ScanResult = Pick<ImageReading, 'status' | 'note' | 'scanCompletedAt' | 'vulnerabilities'>;

const attribute = (finding: ImageScanFinding, key: string) => finding.attributes?.find((a) => a.key === key)?.value;

function basicVulnerability(finding: ImageScanFinding): ImageVulnerability {
  const name = attribute(finding, 'package_name');
  return {
    id: finding.name ?? 'unknown',
    severity: asSeverity(finding.severity),
    packages: name ? [{ name, installedVersion: attribute(finding, 'package_version') }] : [],
    title: finding.description,
    url: finding.uri,
  };
}

/** The scan of one image (by digest) and its vulnerabilities of the given severities. */
export async function basicScanVulnerabilities(
  client: ECRClient,
  image: { repository: string; registryId?: string; digest: string; severities: FindingSeverity[] },
  region: string,
): Promise<ScanResult> {
  const vulnerabilities: ImageVulnerability[] = [];
  let nextToken: string | undefined;
  let scanCompletedAt: string | undefined;
  try {
    do {
      const page = await client.send(
        new DescribeImageScanFindingsCommand({
          repositoryName: image.repository,
          registryId: image.registryId,
          imageId: { imageDigest: image.digest },
          maxResults: 1000,
          nextToken,
        }),
      );
      const status = page.imageScanStatus?.status;
      if (status === 'IN_PROGRESS' || status === 'PENDING') {
        return {
          status: 'scan-in-progress',
          note: 'ECR is scanning this image; its results come with the next run',
          vulnerabilities: [],
        };
      }
      if (status !== 'COMPLETE') {
        return {
          status: 'scan-failed',
          note: `ECR scan ${status}: ${page.imageScanStatus?.description ?? ''}`.trim(),
          vulnerabilities: [],
        };
      }
      const findings = page.imageScanFindings;
      scanCompletedAt = findings?.imageScanCompletedAt?.toISOString();
      vulnerabilities.push(...(findings?.findings ?? []).map(basicVulnerability));
      vulnerabilities.push(...(findings?.enhancedFindings ?? []).map(vulnerabilityOf));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    if ((error as Error).name !== 'ScanNotFoundException') throw error;
    return {
      status: 'no-scan',
      note: `ECR has no scan of this image: turn on scan on push for ${image.repository}, turn on Amazon Inspector ECR scanning, or run \`aws ecr start-image-scan --repository-name ${image.repository} --image-id imageDigest=${image.digest} --region ${region}\``,
      vulnerabilities: [],
    };
  }
  const wanted = new Set<string>(image.severities);
  return {
    status: 'ok',
    scanCompletedAt,
    vulnerabilities: vulnerabilities.filter((v) => v.severity && wanted.has(v.severity)),
  };
}
