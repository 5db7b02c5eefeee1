// The lock target of a piece of capacity (functions/shared/claims/locks.ts): the scaling playbook and a traffic
// shift's "scale blue to zero" name the same Auto Scaling group or ECS service the same way, so they never change it
// at once.

/** The kinds of capacity the playbooks scale. */
export type CapacityKind = 'asg' | 'ecs-service' | 'eks-nodegroup' | 'aurora-replica' | 'elasticache';

/** `<kind>:<region>:<name>`, e.g. `asg:us-east-1:idp-api-gateway-asg`, `ecs-service:us-east-1:idp-services/idp-auth-blue`. */
export const capacityLockTarget = (kind: CapacityKind, region: string, name: string) => `${kind}:${region}:${name}`;
