// ECR images: DescribeImages and DescribeImageScanFindings (basic scanning). Repositories are found by name in the
// caller's registry (RepositoryNotFoundException otherwise), images by digest or tag (ImageNotFoundException); an
// image never scanned answers ScanNotFoundException. A scan IN_PROGRESS is shown so once and then completes.
import type {
  DescribeImageScanFindingsRequest,
  DescribeImagesRequest,
  FindingSeverity,
  ImageIdentifier,
} from '@aws-sdk/client-ecr';
import { awsError } from '../../errors.ts';
import type { EcrImageRec, EcrRepositoryRec, EcrScanRec } from '../../state.ts';
import { emptySecurityServices } from '../../state-security.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const invalidParameter = (message: string) => awsError('InvalidParameterException', message);
const describeId = (id: ImageIdentifier) =>
  `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;

function requireRepository(ctx: HandlerContext, name: string | undefined, registryId?: string): EcrRepositoryRec {
  ctx.regional.ecr ??= emptySecurityServices().ecr;
  const registry = registryId ?? ctx.accountId;
  const repository = ctx.regional.ecr.repositories.find((r) => r.repositoryName === name && r.registryId === registry);
  if (!repository) {
    throw awsError(
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${registry}'`,
    );
  }
  return repository;
}

function requireImage(repository: EcrRepositoryRec, id: ImageIdentifier | undefined): EcrImageRec {
  const image = repository.images.find(
    (i) =>
      (id?.imageDigest === undefined || i.imageDigest === id.imageDigest) &&
      (id?.imageTag === undefined || i.imageTags.includes(id.imageTag)),
  );
  if (!image || (!id?.imageDigest && !id?.imageTag)) {
    throw awsError(
      'ImageNotFoundException',
      `The image with imageId ${describeId(id ?? {})} does not exist within the repository with name '${repository.repositoryName}' in the registry with id '${repository.registryId}'`,
    );
  }
  return image;
}

function pageSizeOf(maxResults: number | undefined): number {
  const size = maxResults ?? 100;
  if (size < 1 || size > 1000) throw invalidParameter('maxResults must be between 1 and 1000.');
  return size;
}

function severityCounts(scan: EcrScanRec) {
  const counts: Partial<Record<FindingSeverity, number>> = {};
  for (const finding of scan.findings) {
    const severity = (finding.severity ?? 'UNDEFINED') as FindingSeverity;
    counts[severity] = (counts[severity] ?? 0) + 1;
  }
  return counts;
}

function detailOf(repository: EcrRepositoryRec, image: EcrImageRec) {
  const { scan, ...detail } = image;
  return {
    ...detail,
    registryId: repository.registryId,
    repositoryName: repository.repositoryName,
    imageScanStatus: scan && { status: scan.status, description: scan.description },
    imageScanFindingsSummary: scan?.status === 'COMPLETE' && {
      imageScanCompletedAt: scan.completedAt,
      vulnerabilitySourceUpdatedAt: scan.vulnerabilitySourceUpdatedAt,
      findingSeverityCounts: severityCounts(scan),
    },
  };
}

function describeImages(ctx: HandlerContext, input: DescribeImagesRequest) {
  const repository = requireRepository(ctx, input.repositoryName, input.registryId);
  if (input.imageIds) {
    if (input.nextToken !== undefined || input.maxResults !== undefined)
      throw invalidParameter('nextToken and maxResults cannot be used with imageIds.');
    return { imageDetails: input.imageIds.map((id) => detailOf(repository, requireImage(repository, id))) };
  }
  const tagStatus = input.filter?.tagStatus ?? 'ANY';
  const selected = repository.images.filter(
    (image) => tagStatus === 'ANY' || (tagStatus === 'TAGGED') === image.imageTags.length > 0,
  );
  const page = paginate(selected, (image) => image.imageDigest, {
    token: input.nextToken,
    pageSize: pageSizeOf(input.maxResults),
    invalidToken: () => invalidParameter('Invalid parameter at nextToken.'),
  });
  return { imageDetails: page.items.map((image) => detailOf(repository, image)), nextToken: page.nextToken };
}

function describeImageScanFindings(ctx: HandlerContext, input: DescribeImageScanFindingsRequest) {
  const repository = requireRepository(ctx, input.repositoryName, input.registryId);
  const image = requireImage(repository, input.imageId);
  const scan = image.scan;
  const imageId = { imageDigest: image.imageDigest, imageTag: input.imageId?.imageTag };
  if (!scan) {
    throw awsError(
      'ScanNotFoundException',
      `Image scan does not exist for the image with '${describeId(imageId)}' in the repository with name '${repository.repositoryName}' in the registry with id '${repository.registryId}'`,
    );
  }
  const base = { registryId: repository.registryId, repositoryName: repository.repositoryName, imageId };
  if (scan.status !== 'COMPLETE') {
    const shown = { ...base, imageScanStatus: { status: scan.status, description: scan.description } };
    if (scan.status === 'IN_PROGRESS')
      Object.assign(scan, { status: 'COMPLETE', completedAt: ctx.now().toISOString() });
    return shown;
  }
  const keyed = scan.findings.map((finding, index) => ({ key: String(index).padStart(8, '0'), finding }));
  const page = paginate(keyed, (item) => item.key, {
    token: input.nextToken,
    pageSize: pageSizeOf(input.maxResults),
    invalidToken: () => invalidParameter('Invalid parameter at nextToken.'),
  });
  return {
    ...base,
    imageScanStatus: { status: 'COMPLETE', description: scan.description ?? 'The scan was completed successfully.' },
    imageScanFindings: {
      imageScanCompletedAt: scan.completedAt,
      vulnerabilitySourceUpdatedAt: scan.vulnerabilitySourceUpdatedAt,
      findingSeverityCounts: severityCounts(scan),
      findings: page.items.map((item) => item.finding),
    },
    nextToken: page.nextToken,
  };
}

export const ecrImageHandlers: Handlers = {
  DescribeImages: describeImages,
  DescribeImageScanFindings: describeImageScanFindings,
};
