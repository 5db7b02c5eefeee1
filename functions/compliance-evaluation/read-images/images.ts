// The runbook's `trivy image --severity HIGH,CRITICAL idp-api:latest`, with AWS's own scanners: for each configured
// repository and tag in a region, the digest the tag points to now (ECR DescribeImages), then that image's
// vulnerabilities from Amazon Inspector where it scans ECR, else from ECR basic scanning. A missing repository,
// tag or scan is part of the reading (the report says what to do), not a failure of the step.
import { DescribeImagesCommand, type ECRClient, type ImageDetail } from '@aws-sdk/client-ecr';
import type { Inspector2Client } from '@aws-sdk/client-inspector2';
import type { FindingSeverity } from '../config.ts';
import { type ImageReading, type ImagesReading, type ImageVulnerability, severityRank } from '../model/readings.ts';
import { basicScanVulnerabilities } from './basic-scan.ts';
import { inspectorScansEcr, inspectorVulnerabilities } from './inspector.ts';

/** One region's images to read: repositories and tags from config, the severities reported. */
export interface ImagesRequest {
  region: string;
  account: string;
  repositories: { name: string; tags: string[] }[];
  severities: FindingSeverity[];
  now: Date;
}

/** The image a tag points to, or the reason there is none (RepositoryNotFoundException, ImageNotFoundException). */
async function taggedImage(
  client: ECRClient,
  repository: string,
  tag: string,
): Promise<ImageDetail | 'repository-not-found' | 'image-not-found'> {
  try {
    const described = await client.send(
      new DescribeImagesCommand({ repositoryName: repository, imageIds: [{ imageTag: tag }] }),
    );
    return described.imageDetails?.[0] ?? 'image-not-found';
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'RepositoryNotFoundException') return 'repository-not-found';
    if (name === 'ImageNotFoundException') return 'image-not-found';
    throw error;
  }
}

/** One entry per CVE (several findings of one CVE merge their packages), worst first. */
function merged(vulnerabilities: ImageVulnerability[]): ImageVulnerability[] {
  const byId = new Map<string, ImageVulnerability>();
  for (const vulnerability of vulnerabilities) {
    const existing = byId.get(vulnerability.id);
    if (!existing) byId.set(vulnerability.id, { ...vulnerability, packages: [...vulnerability.packages] });
    else existing.packages.push(...vulnerability.packages);
  }
  return [...byId.values()].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id),
  );
}

async function readImage(
  clients: { ecr: ECRClient; inspector: Inspector2Client },
  request: ImagesRequest,
  scanner: ImageReading['scanner'],
  repository: string,
  tag: string,
): Promise<ImageReading> {
  const base = { repository, tag, account: request.account, scanner, counts: {}, vulnerabilities: [] };
  const image = await taggedImage(clients.ecr, repository, tag);
  if (typeof image === 'string') {
    const note =
      image === 'repository-not-found'
        ? `no ECR repository ${repository} in ${request.region}`
        : `${repository} has no image tagged ${tag} in ${request.region}`;
    return { ...base, status: image, note };
  }
  const digest = image.imageDigest ?? '';
  const found = {
    ...base,
    account: image.registryId ?? request.account,
    digest,
    pushedAt: image.imagePushedAt?.toISOString(),
  };
  const scan =
    scanner === 'inspector'
      ? {
          status: 'ok' as const,
          vulnerabilities: await inspectorVulnerabilities(clients.inspector, {
            repository,
            tag,
            digest,
            severities: request.severities,
          }),
        }
      : await basicScanVulnerabilities(
          clients.ecr,
          { repository, registryId: image.registryId, digest, severities: request.severities },
          request.region,
        );
  const vulnerabilities = merged(scan.vulnerabilities);
  const counts: ImageReading['counts'] = {};
  for (const severity of request.severities)
    counts[severity] = vulnerabilities.filter((v) => v.severity === severity).length;
  return { ...found, ...scan, vulnerabilities, counts };
}

/** Reads every configured image of one region. @throws what Inspector or ECR throw besides the cases above. */
export async function readImages(
  clients: { ecr: ECRClient; inspector: Inspector2Client },
  request: ImagesRequest,
): Promise<ImagesReading> {
  const scanner = (await inspectorScansEcr(clients.inspector)) ? 'inspector' : 'ecr-basic';
  const images: ImageReading[] = [];
  for (const { name, tags } of request.repositories) {
    for (const tag of tags) images.push(await readImage(clients, request, scanner, name, tag));
  }
  return {
    region: request.region,
    account: request.account,
    readAt: request.now.toISOString(),
    scanner,
    severities: request.severities,
    images,
  };
}
