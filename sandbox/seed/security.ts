// Seed builders for the security-posture services: Security Hub (hub, standards, control findings in ASFF), ECR
// repositories with their images and basic scans, Amazon Inspector (scan types on, findings of ECR images). The
// YAML names what a reader cares about (control, requirement, severity, image digest, CVE, package); these fill in
// what AWS would (ARNs, ids, ASFF boilerplate, the image details Inspector copies from ECR).
import { derivedHex, mustFind, type SeedContext, type Spec } from './util.ts';

const NORMALIZED: Record<string, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 };

/** Security Hub's finding for one control check on one resource (consolidated control findings, as since 2023). */
function controlFinding(f: Spec, standards: Spec[], ctx: SeedContext): Spec {
  const resource = f.resource ?? { type: 'AwsAccount', id: `AWS::::Account:${ctx.accountId}` };
  const standardIds: string[] = standards.map((s) => s.id);
  const observed = f.firstObserved ?? ctx.now.toISOString();
  const lastObserved = new Date(ctx.now.getTime() - 3_600_000).toISOString();
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:${ctx.region}:${ctx.accountId}:security-control/${f.control}/finding/${derivedHex(`${ctx.region}/${f.control}/${resource.id}`, 32)}`,
    ProductArn: `arn:aws:securityhub:${ctx.region}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    Region: ctx.region,
    GeneratorId: `security-control/${f.control}`,
    AwsAccountId: ctx.accountId,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    FirstObservedAt: observed,
    LastObservedAt: lastObserved,
    CreatedAt: observed,
    UpdatedAt: lastObserved,
    Severity: { Label: f.severity, Normalized: NORMALIZED[f.severity], Original: f.severity },
    Title: f.title,
    Description: f.description ?? f.title,
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
        Url: `https://docs.aws.amazon.com/console/securityhub/${f.control}/remediation`,
      },
    },
    ProductFields: { RelatedAWSResources: f.configRule ?? '', 'aws/securityhub/ProductName': 'Security Hub' },
    Resources: [{ Type: resource.type, Id: resource.id, Partition: 'aws', Region: ctx.region }],
    Compliance: {
      Status: f.status,
      SecurityControlId: f.control,
      RelatedRequirements: standardIds
        .filter((id) => id.includes('cis-aws-foundations-benchmark'))
        .map((id) => `CIS AWS Foundations Benchmark v${id.split('/v/')[1]}/${f.requirement}`),
      AssociatedStandards: standardIds.map((StandardsId) => ({ StandardsId })),
    },
    WorkflowState: 'NEW',
    Workflow: { Status: f.workflow ?? (f.status === 'PASSED' ? 'RESOLVED' : 'NEW') },
    RecordState: f.recordState ?? 'ACTIVE',
    ...(f.note ? { Note: { Text: f.note, UpdatedBy: 'security-team', UpdatedAt: observed } } : {}),
  };
}

/** Security Hub of a region: no hub unless `enabledAt` is given; standards subscriptions; control findings. */
export function buildSecurityHub(spec: Spec | undefined, ctx: SeedContext): Spec {
  if (!spec?.enabledAt) return { standards: [], findings: [] };
  const standards: Spec[] = spec.standards ?? [];
  return {
    hub: {
      HubArn: `arn:aws:securityhub:${ctx.region}:${ctx.accountId}:hub/default`,
      SubscribedAt: spec.enabledAt,
      AutoEnableControls: true,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    },
    standards: standards.map((s) => {
      const name = s.id.replace(/^(standards|ruleset)\//, '');
      return {
        StandardsSubscriptionArn: `arn:aws:securityhub:${ctx.region}:${ctx.accountId}:subscription/${name}`,
        StandardsArn: s.id.startsWith('ruleset/')
          ? `arn:aws:securityhub:::${s.id}`
          : `arn:aws:securityhub:${ctx.region}::${s.id}`,
        StandardsInput: {},
        StandardsStatus: s.status ?? 'READY',
        StandardsControlsUpdatable: 'READY_FOR_UPDATES',
      };
    }),
    findings: (spec.findings ?? []).map((f: Spec) => controlFinding(f, standards, ctx)),
  };
}

function basicScan(scan: Spec | undefined): Spec | undefined {
  if (!scan) return undefined;
  return {
    status: scan.status ?? 'COMPLETE',
    completedAt: scan.completedAt,
    vulnerabilitySourceUpdatedAt: scan.completedAt,
    findings: (scan.findings ?? []).map((f: Spec) => ({
      name: f.name,
      description: f.description,
      uri: f.uri ?? `https://security-tracker.debian.org/tracker/${f.name}`,
      severity: f.severity,
      attributes: [
        { key: 'package_name', value: f.package },
        { key: 'package_version', value: f.version },
        ...(f.cvss ? [{ key: 'CVSS2_SCORE', value: String(f.cvss) }] : []),
      ],
    })),
  };
}

/** ECR repositories of a region with their images and basic scans. */
export function buildEcr(spec: Spec | undefined, ctx: SeedContext): Spec {
  const repositories = (spec?.repositories ?? []).map((r: Spec) => ({
    repositoryName: r.name,
    repositoryArn: `arn:aws:ecr:${ctx.region}:${ctx.accountId}:repository/${r.name}`,
    registryId: ctx.accountId,
    repositoryUri: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${r.name}`,
    createdAt: r.createdAt,
    imageTagMutability: 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: r.scanOnPush ?? false },
    encryptionConfiguration: { encryptionType: 'AES256' },
    images: (r.images ?? []).map((i: Spec) => ({
      imageDigest: i.digest,
      imageTags: i.tags ?? [],
      imagePushedAt: i.pushedAt,
      imageSizeInBytes: i.sizeBytes ?? 150_000_000,
      imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      artifactMediaType: 'application/vnd.docker.container.image.v1+json',
      lastRecordedPullTime: i.lastPulled,
      scan: basicScan(i.scan),
    })),
  }));
  return { repositories };
}

/** Inspector's finding for one vulnerability of one ECR image; the image's tags and push time come from ECR. */
function imageFinding(f: Spec, ecr: Spec, ctx: SeedContext): Spec {
  const repository = mustFind(
    ecr.repositories,
    (r) => r.repositoryName === f.image.repository,
    `repository ${f.image.repository} in ${ctx.region}`,
  );
  const image = mustFind(repository.images, (i) => i.imageDigest === f.image.digest, `image ${f.image.digest}`);
  const observed = f.firstObserved ?? ctx.now.toISOString();
  return {
    findingArn: `arn:aws:inspector2:${ctx.region}:${ctx.accountId}:finding/${derivedHex(`${ctx.region}/${f.vulnerability}/${f.image.digest}`, 32)}`,
    awsAccountId: ctx.accountId,
    type: 'PACKAGE_VULNERABILITY',
    title: `${f.vulnerability} - ${f.packages.map((p: Spec) => p.name).join(', ')}`,
    description: f.description ?? f.vulnerability,
    remediation: { recommendation: { text: 'None Provided' } },
    severity: f.severity,
    firstObservedAt: observed,
    lastObservedAt: ctx.now.toISOString(),
    updatedAt: ctx.now.toISOString(),
    status: f.status ?? 'ACTIVE',
    inspectorScore: f.score,
    fixAvailable: f.packages.every((p: Spec) => p.fixedInVersion) ? 'YES' : 'NO',
    exploitAvailable: 'NO',
    resources: [
      {
        type: 'AWS_ECR_CONTAINER_IMAGE',
        id: `${repository.repositoryArn}/${image.imageDigest}`,
        partition: 'aws',
        region: ctx.region,
        details: {
          awsEcrContainerImage: {
            repositoryName: repository.repositoryName,
            imageTags: image.imageTags,
            imageHash: image.imageDigest,
            registry: ctx.accountId,
            pushedAt: image.imagePushedAt,
            architecture: 'amd64',
            platform: 'DEBIAN_12',
          },
        },
      },
    ],
    packageVulnerabilityDetails: {
      vulnerabilityId: f.vulnerability,
      source: f.source ?? 'NVD',
      sourceUrl: `https://nvd.nist.gov/vuln/detail/${f.vulnerability}`,
      vendorSeverity: f.severity,
      vulnerablePackages: f.packages.map((p: Spec) => ({
        name: p.name,
        version: p.version,
        fixedInVersion: p.fixedInVersion ?? 'NotAvailable',
        packageManager: p.packageManager ?? 'OS',
        filePath: p.filePath,
      })),
      referenceUrls: [`https://nvd.nist.gov/vuln/detail/${f.vulnerability}`],
    },
  };
}

/** Inspector of a region: the scan types on (`scanning`) and its findings of the region's ECR images. */
export function buildInspector(spec: Spec | undefined, ecr: Spec, ctx: SeedContext): Spec {
  const on = new Set<string>(spec?.scanning ?? []);
  const status = (type: string) => (on.has(type) ? 'ENABLED' : 'DISABLED');
  return {
    status: { ec2: status('ec2'), ecr: status('ecr'), lambda: status('lambda'), lambdaCode: status('lambdaCode') },
    findings: (spec?.findings ?? []).map((f: Spec) => imageFinding(f, ecr, ctx)),
  };
}

/** The region's Security Hub, ECR and Inspector state from its estate spec. */
export function buildSecurityServices(spec: Spec, ctx: SeedContext): Spec {
  const ecr = buildEcr(spec.ecr, ctx);
  return {
    securityHub: buildSecurityHub(spec.securityHub, ctx),
    ecr,
    inspector2: buildInspector(spec.inspector2, ecr, ctx),
  };
}
