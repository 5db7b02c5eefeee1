// AWS Organizations, read side, as the management account (the sandbox's home account) answers it:
// DescribeOrganization, ListChildren, ListAccountsForParent, ListParents, DescribeAccount. Pages of at most 20 (MaxResults 1..20); an unknown
// parent is ParentNotFoundException; a member account asking gets AccessDeniedException.
import type {
  DescribeAccountRequest,
  ListAccountsForParentRequest,
  ListChildrenRequest,
  ListParentsRequest,
} from '@aws-sdk/client-organizations';
import { awsError } from '../../errors.ts';
import type { OrganizationState } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const MAX_PAGE = 20;

function organizationFor(ctx: HandlerContext): OrganizationState {
  const organization = ctx.account.state.organization;
  if (!organization) {
    throw awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.', {
      status: 400,
    });
  }
  if (ctx.accountId !== organization.managementAccountId) {
    throw awsError('AccessDeniedException', "You don't have permissions to access this resource.", { status: 403 });
  }
  return organization;
}

function pageSize(maxResults: number | undefined): number {
  const size = maxResults ?? MAX_PAGE;
  if (size < 1 || size > MAX_PAGE) {
    throw awsError('InvalidInputException', 'You provided a value that does not match the required pattern.', {
      status: 400,
      fields: { Reason: 'INVALID_INPUT' },
    });
  }
  return size;
}

function requireParent(organization: OrganizationState, parentId: string | undefined): string {
  const known = parentId === organization.rootId || organization.ous.some((ou) => ou.Id === parentId);
  if (!parentId || !known) {
    throw awsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.", {
      status: 400,
    });
  }
  return parentId;
}

const invalidToken = () =>
  awsError('InvalidInputException', 'The NextToken value is not valid.', {
    status: 400,
    fields: { Reason: 'INVALID_NEXT_TOKEN' },
  });

function describeOrganization(ctx: HandlerContext) {
  const organization = organizationFor(ctx);
  return {
    Organization: {
      Id: organization.id,
      Arn: `arn:aws:organizations::${organization.managementAccountId}:organization/${organization.id}`,
      FeatureSet: 'ALL',
      MasterAccountId: organization.managementAccountId,
      MasterAccountArn: `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${organization.managementAccountId}`,
    },
  };
}

function listChildren(ctx: HandlerContext, input: ListChildrenRequest) {
  const organization = organizationFor(ctx);
  const parent = requireParent(organization, input.ParentId);
  const children =
    input.ChildType === 'ORGANIZATIONAL_UNIT'
      ? organization.ous
          .filter((ou) => ou.ParentId === parent)
          .map((ou) => ({ Id: ou.Id, Type: 'ORGANIZATIONAL_UNIT' }))
      : organization.accounts.filter((a) => a.ParentId === parent).map((a) => ({ Id: a.Id, Type: 'ACCOUNT' }));
  const page = paginate(children, (child) => child.Id, {
    token: input.NextToken,
    pageSize: pageSize(input.MaxResults),
    invalidToken,
  });
  return { Children: page.items, NextToken: page.nextToken };
}

function listAccountsForParent(ctx: HandlerContext, input: ListAccountsForParentRequest) {
  const organization = organizationFor(ctx);
  const parent = requireParent(organization, input.ParentId);
  const accounts = organization.accounts.filter((account) => account.ParentId === parent);
  const page = paginate(accounts, (account) => account.Id, {
    token: input.NextToken,
    pageSize: pageSize(input.MaxResults),
    invalidToken,
  });
  return {
    Accounts: page.items.map(({ ParentId: _parent, ...account }) => ({
      ...account,
      Arn: accountArn(organization, account.Id),
    })),
    NextToken: page.nextToken,
  };
}

function accountArn(organization: OrganizationState, id: string): string {
  return `arn:aws:organizations::${organization.managementAccountId}:account/${organization.id}/${id}`;
}

function describeAccount(ctx: HandlerContext, input: DescribeAccountRequest) {
  const organization = organizationFor(ctx);
  const account = organization.accounts.find((candidate) => candidate.Id === input.AccountId);
  if (!account) {
    throw awsError('AccountNotFoundException', "We can't find an AWS account with the AccountId that you specified.", {
      status: 400,
    });
  }
  const { ParentId: _parent, ...rest } = account;
  return { Account: { ...rest, Arn: accountArn(organization, account.Id) } };
}

/** The one parent of an account or OU (an OU or the root). */
function listParents(ctx: HandlerContext, input: ListParentsRequest) {
  const organization = organizationFor(ctx);
  const child =
    organization.accounts.find((account) => account.Id === input.ChildId) ??
    organization.ous.find((ou) => ou.Id === input.ChildId);
  if (!child) {
    throw awsError(
      'ChildNotFoundException',
      "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
      {
        status: 400,
      },
    );
  }
  const type = child.ParentId === organization.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
  return { Parents: [{ Id: child.ParentId, Type: type }] };
}

export const organizationHandlers: Handlers = {
  DescribeAccount: describeAccount,
  ListParents: listParents,
  DescribeOrganization: describeOrganization,
  ListChildren: listChildren,
  ListAccountsForParent: listAccountsForParent,
};
