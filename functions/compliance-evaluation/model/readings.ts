// What the reading steps find, as they write it to their work files (model/work.ts) and the report step reads it.
import { FINDING_SEVERITIES, type FindingSeverity } from '../config.ts';

/** Higher is worse; unknown labels (Inspector's UNTRIAGED, ECR's UNDEFINED) rank lowest. */
export function severityRank(severity: string | undefined): number {
  return FINDING_SEVERITIES.indexOf(severity as FindingSeverity);
}

/** A label known to us, or undefined. */
export function asSeverity(label: string | undefined): FindingSeverity | undefined {
  return severityRank(label) >= 0 ? (label as FindingSeverity) : undefined;
}

/** One configured standard in one region, as GetEnabledStandards shows it (NOT_ENABLED: no subscription). */
export interface StandardState {
  id: string;
  arn: string;
  status: 'READY' | 'PENDING' | 'INCOMPLETE' | 'FAILED' | 'DELETING' | 'NOT_ENABLED';
  reason?: string;
}

/** One failing control of the benchmark in one account: its failed, unsuppressed, active findings together. */
export interface FailingControl {
  account: string;
  /** Security Hub's control id, e.g. IAM.6 (the same in every standard). */
  control: string;
  /** The CIS recommendations it checks, e.g. `v3.0.0/1.6`. */
  requirements: string[];
  title: string;
  severity?: FindingSeverity;
  /** Failing resources (at most 25 listed; resourceCount counts them all). */
  resources: string[];
  resourceCount: number;
  /** The earliest FirstObservedAt of its failing findings (ISO). */
  firstObservedAt?: string;
  /** Standards (ids) the control belongs to, among those read. */
  standards: string[];
}

/** The CIS benchmark in one region (GetEnabledStandards, then GetFindings for the enabled configured standards). */
export interface CisReading {
  region: string;
  account: string;
  readAt: string;
  /** Security Hub enabled in the region (GetEnabledStandards did not answer InvalidAccessException). */
  hubEnabled: boolean;
  standards: StandardState[];
  /** Ids of the standards whose findings were read (READY or INCOMPLETE). */
  read: string[];
  controls: FailingControl[];
  findingsRead: number;
}

/** A vulnerable package of an image and the version that fixes it (undefined: the scanner names none). */
export interface VulnerablePackage {
  name: string;
  installedVersion?: string;
  fixedInVersion?: string;
}

/** One CVE of an image (one entry per CVE, its vulnerable packages merged). */
export interface ImageVulnerability {
  id: string;
  severity?: FindingSeverity;
  packages: VulnerablePackage[];
  title?: string;
  url?: string;
  firstObservedAt?: string;
}

/** One configured image (repository:tag) in one region. Only `ok` has findings to count and compare. */
export interface ImageReading {
  repository: string;
  tag: string;
  status: 'ok' | 'repository-not-found' | 'image-not-found' | 'no-scan' | 'scan-in-progress' | 'scan-failed';
  note?: string;
  account: string;
  digest?: string;
  pushedAt?: string;
  scanner: 'inspector' | 'ecr-basic';
  scanCompletedAt?: string;
  /** Counts of the configured severities. */
  counts: Partial<Record<FindingSeverity, number>>;
  vulnerabilities: ImageVulnerability[];
}

/** The configured images of one region and the scanner that was read (work file `images-<region>.json`). */
export interface ImagesReading {
  region: string;
  account: string;
  readAt: string;
  scanner: 'inspector' | 'ecr-basic';
  severities: FindingSeverity[];
  images: ImageReading[];
}
