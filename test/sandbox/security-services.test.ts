import { DescribeImageScanFindingsCommand, DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { BatchGetAccountStatusCommand, Inspector2Client, ListFindingsCommand } from '@aws-sdk/client-inspector2';
import {
  BatchEnableStandardsCommand,
  EnableSecurityHubCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { errorOf, useSandbox } from './helpers.ts';

const EAST = 'us-east-1';
const WEST = 'us-west-2';
const CIS_3 = 'standards/cis-aws-foundations-benchmark/v/3.0.0';
const LATEST = 'sha256:4c1f0d2e8b7a6954c3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0';
const OLDER = 'sha256:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d';
const hub = (region: string) => awsClient(SecurityHubClient, region);
const inspector = (region: string) => awsClient(Inspector2Client, region);
const ecr = (region: string) => awsClient(ECRClient, region);
const eq = (Value: string) => ({ Comparison: 'EQUALS' as const, Value });

describe('sandbox Security Hub', () => {
  const account = useSandbox();

  it('answers InvalidAccessException where it is not enabled, and ResourceConflictException when enabled twice', async () => {
    expect(await errorOf(hub(WEST).send(new GetEnabledStandardsCommand({})))).toMatchObject({
      name: 'InvalidAccessException',
      $metadata: { httpStatusCode: 401 },
    });
    expect((await errorOf(hub(WEST).send(new GetFindingsCommand({})))).name).toBe('InvalidAccessException');
    await hub(WEST).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    expect((await errorOf(hub(WEST).send(new EnableSecurityHubCommand({})))).name).toBe('ResourceConflictException');
    expect((await hub(WEST).send(new GetEnabledStandardsCommand({}))).StandardsSubscriptions).toEqual([]);
  });

  it('shows a newly enabled standard PENDING once, then READY; refuses a standard it does not offer', async () => {
    await hub(WEST).send(new EnableSecurityHubCommand({ EnableDefaultStandards: false }));
    const arn = `arn:aws:securityhub:${WEST}::${CIS_3}`;
    const [enabled] = (
      await hub(WEST).send(new BatchEnableStandardsCommand({ StandardsSubscriptionRequests: [{ StandardsArn: arn }] }))
    ).StandardsSubscriptions!;
    expect(enabled).toMatchObject({ StandardsArn: arn, StandardsStatus: 'PENDING' });
    const statuses = [];
    for (let read = 0; read < 2; read++) {
      const page = await hub(WEST).send(new GetEnabledStandardsCommand({}));
      statuses.push(page.StandardsSubscriptions![0].StandardsStatus);
    }
    expect(statuses).toEqual(['PENDING', 'READY']);
    const unknown = hub(WEST).send(
      new BatchEnableStandardsCommand({ StandardsSubscriptionRequests: [{ StandardsArn: `${arn}-nope` }] }),
    );
    expect((await errorOf(unknown)).name).toBe('InvalidInputException');
    expect(account().state.regions[WEST].securityHub.findings).toEqual([]);
  });

  it('joins positive string filters on a field with OR and negative ones with AND', async () => {
    const controls = async (Filters: object) =>
      ((await hub(EAST).send(new GetFindingsCommand({ Filters }))).Findings ?? [])
        .map((f) => f.Compliance?.SecurityControlId)
        .sort();
    expect(await controls({ ComplianceSecurityControlId: [eq('IAM.4'), eq('S3.1')] })).toEqual(['IAM.4', 'S3.1']);
    expect(
      await controls({
        ComplianceStatus: [eq('FAILED')],
        WorkflowStatus: [{ Comparison: 'NOT_EQUALS', Value: 'SUPPRESSED' }],
      }),
    ).toEqual(['EC2.2']);
    expect(
      await controls({
        ComplianceSecurityControlId: [
          { Comparison: 'PREFIX', Value: 'IAM' },
          { Comparison: 'NOT_EQUALS', Value: 'IAM.6' },
        ],
      }),
    ).toEqual(['IAM.4', 'IAM.9']);
    expect(await controls({ ComplianceAssociatedStandardsId: [eq(CIS_3)], Region: [eq(WEST)] })).toEqual([]);
  });

  it('pages with NextToken and refuses a bad token, MaxResults out of range and filters it does not model', async () => {
    const ids: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await hub(EAST).send(new GetFindingsCommand({ MaxResults: 2, NextToken }));
      expect(page.Findings!.length).toBeLessThanOrEqual(2);
      ids.push(...page.Findings!.map((f) => f.Id!));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(ids).toHaveLength(account().state.regions[EAST].securityHub.findings.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await errorOf(hub(EAST).send(new GetFindingsCommand({ NextToken: 'forged' })))).name).toBe(
      'InvalidInputException',
    );
    expect((await errorOf(hub(EAST).send(new GetFindingsCommand({ MaxResults: 101 })))).name).toBe(
      'InvalidInputException',
    );
    const unmodelled = hub(EAST).send(new GetFindingsCommand({ Filters: { NoteText: [eq('x')] } }));
    expect((await errorOf(unmodelled)).name).toBe('NotImplementedInSandbox');
  });
});

describe('sandbox Amazon Inspector', () => {
  useSandbox();

  it('shows ECR scanning on in us-east-1, off in us-west-2, and another account as failed', async () => {
    const east = await inspector(EAST).send(new BatchGetAccountStatusCommand({}));
    expect(east.accounts![0].resourceState).toMatchObject({
      ecr: { status: 'ENABLED' },
      lambda: { status: 'DISABLED' },
    });
    const west = await inspector(WEST).send(
      new BatchGetAccountStatusCommand({ accountIds: ['123456789012', '210987654321'] }),
    );
    expect(west.accounts![0]).toMatchObject({
      state: { status: 'DISABLED' },
      resourceState: { ecr: { status: 'DISABLED' } },
    });
    expect(west.failedAccounts).toEqual([
      expect.objectContaining({ accountId: '210987654321', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('filters findings by image tag, digest and severity, pages, and validates maxResults', async () => {
    const equals = (value: string) => ({ comparison: 'EQUALS' as const, value });
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await inspector(EAST).send(
        new ListFindingsCommand({
          filterCriteria: { ecrImageTags: [equals('latest')], severity: [equals('HIGH'), equals('CRITICAL')] },
          maxResults: 1,
          nextToken,
        }),
      );
      ids.push(...page.findings!.map((f) => f.packageVulnerabilityDetails!.vulnerabilityId!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(ids.sort()).toEqual(['CVE-2023-44487', 'CVE-2024-2961', 'CVE-2024-45337']);
    const older = await inspector(EAST).send(
      new ListFindingsCommand({ filterCriteria: { ecrImageHash: [equals(OLDER)] } }),
    );
    expect(older.findings!.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId)).toEqual(['CVE-2024-24790']);
    expect((await errorOf(inspector(EAST).send(new ListFindingsCommand({ maxResults: 101 })))).name).toBe(
      'ValidationException',
    );
  });
});

describe('sandbox ECR images and scans', () => {
  useSandbox();

  it('describes an image by tag and answers ImageNotFoundException and RepositoryNotFoundException', async () => {
    const latest = await ecr(EAST).send(
      new DescribeImagesCommand({ repositoryName: 'idp-api', imageIds: [{ imageTag: 'latest' }] }),
    );
    expect(latest.imageDetails![0]).toMatchObject({
      imageDigest: LATEST,
      imageTags: ['latest', '1.42.0'],
      registryId: '123456789012',
    });
    expect(latest.imageDetails![0].imagePushedAt).toBeInstanceOf(Date);
    const missing = ecr(EAST).send(
      new DescribeImagesCommand({ repositoryName: 'idp-api', imageIds: [{ imageTag: 'nope' }] }),
    );
    expect((await errorOf(missing)).name).toBe('ImageNotFoundException');
    const repository = ecr(EAST).send(new DescribeImagesCommand({ repositoryName: 'idp-worker' }));
    expect((await errorOf(repository)).name).toBe('RepositoryNotFoundException');
    const both = ecr(EAST).send(
      new DescribeImagesCommand({ repositoryName: 'idp-api', imageIds: [{ imageTag: 'latest' }], maxResults: 10 }),
    );
    expect((await errorOf(both)).name).toBe('InvalidParameterException');
  });

  it('pages basic scan findings with counts of every severity and answers ScanNotFoundException for an unscanned image', async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    let counts: unknown;
    do {
      const page = await ecr(WEST).send(
        new DescribeImageScanFindingsCommand({
          repositoryName: 'idp-api',
          imageId: { imageDigest: LATEST },
          maxResults: 1,
          nextToken,
        }),
      );
      expect(page.imageScanStatus?.status).toBe('COMPLETE');
      counts = page.imageScanFindings?.findingSeverityCounts;
      names.push(...page.imageScanFindings!.findings!.map((f) => f.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names).toEqual(['CVE-2024-2961', 'CVE-2024-33599', 'CVE-2023-4039']);
    expect(counts).toEqual({ HIGH: 2, MEDIUM: 1 });
    const unscanned = ecr(WEST).send(
      new DescribeImageScanFindingsCommand({ repositoryName: 'idp-api', imageId: { imageDigest: OLDER } }),
    );
    expect((await errorOf(unscanned)).name).toBe('ScanNotFoundException');
  });
});
