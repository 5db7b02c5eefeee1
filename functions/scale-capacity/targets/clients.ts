// The SDK clients of one region for every kind of capacity (created by the one client factory).
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { awsClient } from '../../shared/aws/clients.ts';
import type { Clients } from './read.ts';

/** Every capacity client of `region`. */
export function clientsIn(region: string): Clients {
  return {
    autoScaling: awsClient(AutoScalingClient, region),
    ecs: awsClient(ECSClient, region),
    eks: awsClient(EKSClient, region),
    rds: awsClient(RDSClient, region),
    elasticache: awsClient(ElastiCacheClient, region),
  };
}
