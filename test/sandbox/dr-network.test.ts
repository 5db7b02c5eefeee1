// The sandbox's Route 53 record changes (validation as Route 53 does it, PENDING -> INSYNC), Cloud Map operations,
// versioned S3 objects (versions, delete markers, copies of a version), scale-outs that settle over describes, ECS
// and EKS scaling, and GETs to the estate's names answered by the load balancer they resolve to.
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  EKSClient,
  UpdateNodegroupConfigCommand,
} from '@aws-sdk/client-eks';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetOperationCommand, ServiceDiscoveryClient, UpdateServiceCommand } from '@aws-sdk/client-servicediscovery';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import { installFetchSandbox } from '../../sandbox/http.ts';
import { errorOf, useSandbox } from './helpers.ts';

const ZONE = 'Z0SANDBOXIDPEXAMPLE1';
const route53 = () => awsClient(Route53Client, 'us-east-1');
const upsert = (set: Record<string, unknown>) =>
  route53().send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: ZONE,
      ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: set as never }] },
    }),
  );

describe('Route 53 record changes', () => {
  useSandbox();

  it('UPSERTs a CNAME and reports the change PENDING once, then INSYNC', async () => {
    const { ChangeInfo } = await upsert({
      Name: 'api.idp.example.com',
      Type: 'CNAME',
      TTL: 60,
      ResourceRecords: [{ Value: 'x.us-west-2.elb.amazonaws.com' }],
    });
    expect(ChangeInfo?.Status).toBe('PENDING');
    const reads = [];
    for (let read = 0; read < 2; read++)
      reads.push((await route53().send(new GetChangeCommand({ Id: ChangeInfo!.Id }))).ChangeInfo?.Status);
    expect(reads).toEqual(['PENDING', 'INSYNC']);
    const listed = await route53().send(
      new ListResourceRecordSetsCommand({ HostedZoneId: ZONE, StartRecordName: 'api.idp.example.com', MaxItems: 1 }),
    );
    expect(listed.ResourceRecordSets?.[0]).toMatchObject({ Name: 'api.idp.example.com.', Type: 'CNAME', TTL: 60 });
    expect(listed).toMatchObject({ IsTruncated: true, NextRecordName: 'bastion.idp.example.com.' });
  });

  it('refuses a CNAME at the apex or beside an A record, and an alias to no load balancer, changing nothing', async () => {
    const apex = await errorOf(
      upsert({ Name: 'idp.example.com', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: 'x' }] }),
    );
    expect(apex.name).toBe('InvalidChangeBatch');
    expect(apex.message).toContain('not permitted');
    const alias = await errorOf(
      upsert({
        Name: 'api.idp.example.com',
        Type: 'A',
        AliasTarget: {
          HostedZoneId: 'Z1H1FL5HABSF5',
          DNSName: 'nothing.elb.amazonaws.com',
          EvaluateTargetHealth: true,
        },
      }),
    );
    expect(alias.name).toBe('InvalidChangeBatch');
    const both = await errorOf(upsert({ Name: 'api.idp.example.com', Type: 'CNAME', TTL: 60 }));
    expect(both.name).toBe('InvalidInput');
  });
});

describe('Cloud Map service updates', () => {
  useSandbox();

  it('sets the TTL and reports the operation SUBMITTED, PENDING, then SUCCESS', async () => {
    const cloudMap = awsClient(ServiceDiscoveryClient, 'us-west-2');
    const { OperationId } = await cloudMap.send(
      new UpdateServiceCommand({
        Id: 'srv-idpapisandbox02',
        Service: { DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 60 }] } },
      }),
    );
    const statuses = [];
    for (let read = 0; read < 3; read++)
      statuses.push((await cloudMap.send(new GetOperationCommand({ OperationId }))).Operation?.Status);
    expect(statuses).toEqual(['SUBMITTED', 'PENDING', 'SUCCESS']);
    const changed = await errorOf(
      cloudMap.send(
        new UpdateServiceCommand({
          Id: 'srv-idpapisandbox02',
          Service: { DnsConfig: { DnsRecords: [{ Type: 'CNAME', TTL: 60 }] } },
        }),
      ),
    );
    expect(changed.name).toBe('InvalidInput');
  });
});

describe('versioned S3 objects', () => {
  useSandbox();
  const s3 = () => awsClient(S3Client, 'us-east-1');

  it('lists versions newest first with delete markers, page by page, and copies a version back as the newest', async () => {
    const first = await s3().send(
      new ListObjectVersionsCommand({ Bucket: 'idp-data', Prefix: 'critical/', MaxKeys: 2 }),
    );
    expect(first.IsTruncated).toBe(true);
    const rest = await s3().send(
      new ListObjectVersionsCommand({
        Bucket: 'idp-data',
        Prefix: 'critical/',
        KeyMarker: first.NextKeyMarker,
        VersionIdMarker: first.NextVersionIdMarker,
      }),
    );
    const markers = [...(first.DeleteMarkers ?? []), ...(rest.DeleteMarkers ?? [])];
    expect(markers).toEqual([expect.objectContaining({ Key: 'critical/routing.yaml', IsLatest: true })]);
    const tenants = [...(first.Versions ?? []), ...(rest.Versions ?? [])].filter(
      (v) => v.Key === 'critical/tenants.json',
    );
    expect(tenants.map((v) => v.IsLatest)).toEqual([true, false]);
    const copied = await s3().send(
      new CopyObjectCommand({
        Bucket: 'idp-data',
        Key: 'critical/tenants.json',
        CopySource: `idp-data/critical/tenants.json?versionId=${tenants[1].VersionId}`,
      }),
    );
    expect(copied.VersionId).toBeDefined();
    const body = await (
      await s3().send(new GetObjectCommand({ Bucket: 'idp-data', Key: 'critical/tenants.json' }))
    ).Body!.transformToString();
    expect(JSON.parse(body)).toMatchObject({ tenants: 412 });
  });

  it('keeps a deleted object as a delete marker over its versions, and refuses to copy a delete marker', async () => {
    await s3().send(new PutObjectCommand({ Bucket: 'idp-data', Key: 'critical/x', Body: 'one' }));
    const deleted = await s3().send(new DeleteObjectCommand({ Bucket: 'idp-data', Key: 'critical/x' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect((await errorOf(s3().send(new GetObjectCommand({ Bucket: 'idp-data', Key: 'critical/x' })))).name).toBe(
      'NoSuchKey',
    );
    const refused = await errorOf(
      s3().send(
        new CopyObjectCommand({
          Bucket: 'idp-data',
          Key: 'critical/y',
          CopySource: `idp-data/critical/x?versionId=${deleted.VersionId}`,
        }),
      ),
    );
    expect(refused.name).toBe('InvalidRequest');
  });
});

describe('scaling the secondary capacity', () => {
  const account = useSandbox();

  it('launches instances that show Pending once, then InService and healthy in the target group', async () => {
    const asg = awsClient(AutoScalingClient, 'us-west-2');
    await asg.send(
      new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: 'idp-api-gateway-asg',
        MinSize: 3,
        DesiredCapacity: 3,
      }),
    );
    const states = async () =>
      (
        await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['idp-api-gateway-asg'] }))
      ).AutoScalingGroups![0].Instances!.map((i) => i.LifecycleState);
    expect(await states()).toEqual(['InService', 'Pending', 'Pending']);
    expect(await states()).toEqual(['InService', 'InService', 'InService']);
    const targets = account().state.regions['us-west-2'].elbv2.targetGroups[0].targets.map((t) => t.State);
    expect(targets).toEqual(['healthy', 'healthy', 'healthy']);
    const refused = await errorOf(
      asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: 'idp-api-gateway-asg', DesiredCapacity: 11 })),
    );
    expect(refused.name).toBe('ValidationError');
  });

  it('updates an EKS node group InProgress, then Successful, one update at a time', async () => {
    account().state.regions['us-west-2'].eks = {
      clusters: [
        {
          name: 'idp',
          arn: 'arn:aws:eks:us-west-2:123456789012:cluster/idp',
          status: 'ACTIVE',
          version: '1.31',
          nodegroups: [
            {
              nodegroupName: 'api',
              nodegroupArn: 'arn:aws:eks:us-west-2:123456789012:nodegroup/idp/api/1',
              clusterName: 'idp',
              status: 'ACTIVE',
              scalingConfig: { minSize: 1, maxSize: 4, desiredSize: 1 },
              health: { issues: [] },
              updates: [],
            },
          ],
        },
      ],
    };
    const eks = awsClient(EKSClient, 'us-west-2');
    const { update } = await eks.send(
      new UpdateNodegroupConfigCommand({
        clusterName: 'idp',
        nodegroupName: 'api',
        scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 },
      }),
    );
    const busy = await errorOf(
      eks.send(
        new UpdateNodegroupConfigCommand({
          clusterName: 'idp',
          nodegroupName: 'api',
          scalingConfig: { desiredSize: 4 },
        }),
      ),
    );
    expect(busy.name).toBe('ResourceInUseException');
    const reads = [];
    for (let read = 0; read < 3; read++)
      reads.push(
        (await eks.send(new DescribeUpdateCommand({ name: 'idp', nodegroupName: 'api', updateId: update!.id }))).update
          ?.status,
      );
    expect(reads).toEqual(['InProgress', 'InProgress', 'Successful']);
    expect(
      (await eks.send(new DescribeNodegroupCommand({ clusterName: 'idp', nodegroupName: 'api' }))).nodegroup,
    ).toMatchObject({ status: 'ACTIVE', scalingConfig: { desiredSize: 3 } });
  });

  it('answers a GET to the API through the record: 200 while its load balancer has a healthy target, 503 without', async () => {
    const restore = installFetchSandbox(account());
    try {
      expect((await fetch('https://api.idp.example.com/health')).status).toBe(200);
      const primaryAlb = account().state.regions['us-east-1'].elbv2.targetGroups.filter(
        (group) => group.TargetGroupName === 'idp-api-blue' || group.TargetGroupName === 'idp-api-green',
      );
      for (const target of primaryAlb.flatMap((group) => group.targets)) target.State = 'unhealthy';
      expect((await fetch('https://api.idp.example.com/health')).status).toBe(503);
      await expect(fetch('https://unknown.example.org/')).rejects.toThrow(TypeError);
    } finally {
      restore();
    }
  });
});
