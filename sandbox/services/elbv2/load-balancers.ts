// ELBv2 load balancers: DescribeLoadBalancers (by ARNs or names, LoadBalancerNotFound for an unknown one; Marker
// paging, PageSize 1..400). Its DNS name and canonical hosted zone are what a Route 53 alias or CNAME points at.
import type { DescribeLoadBalancersInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../errors.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

function describeLoadBalancers(ctx: HandlerContext, input: DescribeLoadBalancersInput) {
  const all = ctx.regional.elbv2.loadBalancers;
  const pick = (asked: string[], key: 'LoadBalancerArn' | 'LoadBalancerName') =>
    asked.map((value) => {
      const found = all.find((lb) => lb[key] === value);
      if (!found) throw awsError('LoadBalancerNotFound', `One or more load balancers not found: ${value}`);
      return found;
    });
  const selected = input.LoadBalancerArns?.length
    ? pick(input.LoadBalancerArns, 'LoadBalancerArn')
    : input.Names?.length
      ? pick(input.Names, 'LoadBalancerName')
      : all;
  const pageSize = input.PageSize ?? 400;
  if (pageSize < 1 || pageSize > 400) throw awsError('ValidationError', 'Page size must be between 1 and 400');
  const page = paginate(selected, (lb) => lb.LoadBalancerArn!, {
    token: input.Marker,
    pageSize,
    invalidToken: () => awsError('ValidationError', 'Invalid Marker'),
  });
  return { LoadBalancers: page.items, NextMarker: page.nextToken };
}

export const loadBalancerHandlers: Handlers = {
  DescribeLoadBalancers: describeLoadBalancers,
};
