// The registry: SDK client name -> operation name -> handler. Each service area exports its own handler object;
// registering an operation is adding (or extending) one spread line here, so engineers working on different
// operations touch different files and only meet in this list.
import { autoScalingCapacityHandlers } from './autoscaling/capacity.ts';
import { autoScalingGroupHandlers } from './autoscaling/groups.ts';
import { autoScalingInstanceHandlers } from './autoscaling/instances.ts';
import { restoreJobHandlers } from './backup/restore-jobs.ts';
import { backupVaultHandlers } from './backup/vaults.ts';
import { alarmActionHandlers } from './cloudwatch/alarm-actions.ts';
import { cloudWatchAlarmHandlers } from './cloudwatch/alarms.ts';
import { metricDataHandlers } from './cloudwatch/metric-data.ts';
import { cloudWatchTagHandlers } from './cloudwatch/tags.ts';
import { configRuleHandlers } from './config/rules.ts';
import { anomalyHandlers } from './costexplorer/anomalies.ts';
import { forecastHandlers } from './costexplorer/forecast.ts';
import { usageHandlers } from './costexplorer/usage.ts';
import { addressHandlers } from './ec2/addresses.ts';
import { iamInstanceProfileAssociationHandlers } from './ec2/iam-instance-profile-associations.ts';
import { imageHandlers } from './ec2/images.ts';
import { instanceAttributeHandlers } from './ec2/instance-attributes.ts';
import { instanceStateHandlers } from './ec2/instance-state.ts';
import { instanceHandlers } from './ec2/instances.ts';
import { launchTemplateHandlers } from './ec2/launch-templates.ts';
import { networkInterfaceAttributeHandlers } from './ec2/network-interface-attributes.ts';
import { networkInterfaceHandlers } from './ec2/network-interfaces.ts';
import { regionHandlers } from './ec2/regions.ts';
import { securityGroupRuleHandlers } from './ec2/security-group-rules.ts';
import { securityGroupHandlers } from './ec2/security-groups.ts';
import { snapshotHandlers } from './ec2/snapshots.ts';
import { tagHandlers } from './ec2/tags.ts';
import { volumeHandlers } from './ec2/volumes.ts';
import { ecrImageHandlers } from './ecr/images.ts';
import { ecsServiceHandlers } from './ecs/services.ts';
import { nodegroupHandlers } from './eks/nodegroups.ts';
import { replicationGroupHandlers } from './elasticache/replication-groups.ts';
import { loadBalancerHandlers } from './elbv2/load-balancers.ts';
import { ruleHandlers } from './elbv2/rules.ts';
import { targetGroupAttributeHandlers } from './elbv2/target-group-attributes.ts';
import { targetHandlers } from './elbv2/targets.ts';
import { eventHandlers } from './eventbridge/events.ts';
import { detectorHandlers } from './guardduty/detectors.ts';
import { healthEventHandlers } from './health/events.ts';
import { instanceProfileHandlers } from './iam/instance-profiles.ts';
import { iamRoleHandlers } from './iam/roles.ts';
import { iamUserHandlers } from './iam/users.ts';
import { inspectorAccountHandlers } from './inspector2/account.ts';
import { inspectorFindingHandlers } from './inspector2/findings.ts';
import { organizationHandlers } from './organizations/organizations.ts';
import { dbClusterInstanceHandlers } from './rds/cluster-instances.ts';
import { dbClusterHandlers } from './rds/clusters.ts';
import { globalClusterHandlers } from './rds/global-clusters.ts';
import { statementHandlers } from './rds-data/statements.ts';
import { recordSetHandlers } from './route53/records.ts';
import { bucketHandlers } from './s3/buckets.ts';
import { conditionalObjectHandlers } from './s3/conditional.ts';
import { objectHandlers } from './s3/objects.ts';
import { objectVersionHandlers } from './s3/versions.ts';
import { secretMetadataHandlers } from './secrets-manager/metadata.ts';
import { secretHandlers } from './secrets-manager/secrets.ts';
import { securityHubFindingHandlers } from './securityhub/findings.ts';
import { securityHubHandlers } from './securityhub/hub.ts';
import { securityHubMemberHandlers } from './securityhub/members.ts';
import { securityHubStandardsHandlers } from './securityhub/standards.ts';
import { cloudMapServiceHandlers } from './servicediscovery/services.ts';
import { executionHandlers } from './sfn/executions.ts';
import { topicHandlers } from './sns/topics.ts';
import { parameterHandlers } from './ssm/parameters.ts';
import { identityHandlers } from './sts/identity.ts';
import type { Handlers } from './types.ts';

export const serviceHandlers: Record<string, Handlers> = {
  EC2Client: {
    ...instanceHandlers,
    ...instanceAttributeHandlers,
    ...instanceStateHandlers,
    ...iamInstanceProfileAssociationHandlers,
    ...volumeHandlers,
    ...snapshotHandlers,
    ...addressHandlers,
    ...securityGroupHandlers,
    ...securityGroupRuleHandlers,
    ...networkInterfaceHandlers,
    ...networkInterfaceAttributeHandlers,
    ...imageHandlers,
    ...launchTemplateHandlers,
    ...tagHandlers,
    ...regionHandlers,
  },
  GuardDutyClient: { ...detectorHandlers },
  ConfigServiceClient: { ...configRuleHandlers },
  CostExplorerClient: { ...usageHandlers, ...forecastHandlers, ...anomalyHandlers },
  S3Client: { ...objectHandlers, ...conditionalObjectHandlers, ...objectVersionHandlers, ...bucketHandlers },
  SNSClient: { ...topicHandlers },
  EventBridgeClient: { ...eventHandlers },
  SSMClient: { ...parameterHandlers },
  SecretsManagerClient: { ...secretHandlers, ...secretMetadataHandlers },
  IAMClient: { ...iamUserHandlers, ...iamRoleHandlers, ...instanceProfileHandlers },
  STSClient: { ...identityHandlers },
  OrganizationsClient: { ...organizationHandlers },
  AutoScalingClient: { ...autoScalingGroupHandlers, ...autoScalingInstanceHandlers, ...autoScalingCapacityHandlers },
  ElasticLoadBalancingV2Client: {
    ...targetHandlers,
    ...loadBalancerHandlers,
    ...ruleHandlers,
    ...targetGroupAttributeHandlers,
  },
  CloudWatchClient: {
    ...cloudWatchAlarmHandlers,
    ...metricDataHandlers,
    ...cloudWatchTagHandlers,
    ...alarmActionHandlers,
  },
  RDSClient: { ...dbClusterHandlers, ...dbClusterInstanceHandlers, ...globalClusterHandlers },
  RDSDataClient: { ...statementHandlers },
  BackupClient: { ...backupVaultHandlers, ...restoreJobHandlers },
  Route53Client: { ...recordSetHandlers },
  ServiceDiscoveryClient: { ...cloudMapServiceHandlers },
  HealthClient: { ...healthEventHandlers },
  SFNClient: { ...executionHandlers },
  SecurityHubClient: {
    ...securityHubHandlers,
    ...securityHubStandardsHandlers,
    ...securityHubFindingHandlers,
    ...securityHubMemberHandlers,
  },
  Inspector2Client: { ...inspectorAccountHandlers, ...inspectorFindingHandlers },
  ECRClient: { ...ecrImageHandlers },
  EKSClient: { ...nodegroupHandlers },
  ECSClient: { ...ecsServiceHandlers },
  ElastiCacheClient: { ...replicationGroupHandlers },
};
