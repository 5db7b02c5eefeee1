// State shapes of the security-posture services: Security Hub (the hub, standards subscriptions, ASFF findings),
// Amazon Inspector (account status per scan type, findings) and ECR (repositories, images and their basic scans).
// Re-exported by state.ts (which imports this module, never the other way round); see it for conventions.
import type { ImageDetail, ImageScanFinding, Repository } from '@aws-sdk/client-ecr';
import type { Finding as InspectorFinding, Status as InspectorStatus } from '@aws-sdk/client-inspector2';
import type { AwsSecurityFinding, StandardsSubscription } from '@aws-sdk/client-securityhub';
import type { Stored } from './stored.ts';

/** Security Hub in one region. */
export interface SecurityHubState {
  /** Absent: Security Hub is not enabled here (every call but EnableSecurityHub answers InvalidAccessException). */
  hub?: {
    HubArn: string;
    SubscribedAt: string;
    AutoEnableControls: boolean;
    ControlFindingGenerator: 'SECURITY_CONTROL' | 'STANDARD_CONTROL';
  };
  /** Standards subscriptions; a PENDING one is shown PENDING by the next GetEnabledStandards, which completes it. */
  standards: (Stored<StandardsSubscription> & { StandardsSubscriptionArn: string; StandardsArn: string })[];
  /** ASFF findings as GetFindings returns them (timestamps are ISO strings in ASFF itself). */
  findings: (Stored<AwsSecurityFinding> & { Id: string })[];
}

/** Amazon Inspector in one region: which scan types are on for the account, and its findings. */
export interface InspectorState {
  status: { ec2: InspectorStatus; ecr: InspectorStatus; lambda: InspectorStatus; lambdaCode: InspectorStatus };
  findings: (Stored<InspectorFinding> & { findingArn: string })[];
}

/** An ECR basic scan of one image (DescribeImageScanFindings); IN_PROGRESS completes on the read after it shows. */
export interface EcrScanRec {
  status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'UNSUPPORTED_IMAGE' | 'SCAN_ELIGIBILITY_EXPIRED';
  description?: string;
  completedAt?: string;
  vulnerabilitySourceUpdatedAt?: string;
  findings: Stored<ImageScanFinding>[];
}

/** An image as DescribeImages shows it, with its basic scan (absent: never scanned, ScanNotFoundException). */
export type EcrImageRec = Stored<ImageDetail> & { imageDigest: string; imageTags: string[]; scan?: EcrScanRec };

/** A repository of the account's registry with its images. */
export type EcrRepositoryRec = Stored<Repository> & {
  repositoryName: string;
  repositoryArn: string;
  registryId: string;
  images: EcrImageRec[];
};

/** ECR in one region. */
export interface EcrState {
  repositories: EcrRepositoryRec[];
}

/** What a region holds before any of these services is used: Security Hub off, Inspector off, no repository. */
export function emptySecurityServices(): { securityHub: SecurityHubState; inspector2: InspectorState; ecr: EcrState } {
  const off = 'DISABLED' as const;
  return {
    securityHub: { standards: [], findings: [] },
    inspector2: { status: { ec2: off, ecr: off, lambda: off, lambdaCode: off }, findings: [] },
    ecr: { repositories: [] },
  };
}
