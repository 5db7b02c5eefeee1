// The secondary region's clients the steps share (one factory, one region).
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsClient } from '../shared/aws/clients.ts';
import type { CapacityClients } from './capacity.ts';

export function capacityClients(region: string): CapacityClients {
  return {
    autoScaling: awsClient(AutoScalingClient, region),
    ecs: awsClient(ECSClient, region),
    eks: awsClient(EKSClient, region),
    elbv2: awsClient(ElasticLoadBalancingV2Client, region),
  };
}
