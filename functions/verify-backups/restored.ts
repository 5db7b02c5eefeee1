// The resource a restore job created, from its ARN (DescribeRestoreJob's CreatedResourceArn): an EBS volume, an EC2
// instance, an Aurora cluster, an RDS instance or an S3 bucket.

export type RestoredKind = 'volume' | 'instance' | 'cluster' | 'db' | 'bucket';

export interface Restored {
  kind: RestoredKind;
  /** Volume or instance id, cluster or DB identifier, bucket name. */
  id: string;
  arn: string;
  region: string;
}

/** The resource an ARN names; undefined for an ARN of a kind a restore test never creates. */
export function restoredOf(arn: string, region: string): Restored | undefined {
  const ec2 = /^arn:aws[\w-]*:ec2:[^:]*:\d*:(volume|instance)\/(.+)$/.exec(arn);
  if (ec2) return { kind: ec2[1] as 'volume' | 'instance', id: ec2[2], arn, region };
  const rds = /^arn:aws[\w-]*:rds:[^:]*:\d*:(cluster|db):(.+)$/.exec(arn);
  if (rds) return { kind: rds[1] as 'cluster' | 'db', id: rds[2], arn, region };
  const s3 = /^arn:aws[\w-]*:s3:::([^/]+)$/.exec(arn);
  if (s3) return { kind: 'bucket', id: s3[1], arn, region };
  return undefined;
}
