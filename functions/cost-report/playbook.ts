// The cost-report playbook: Cost Management.
import { allow, listReports, publishReport, reportsObjects } from '../shared/playbook/iam.ts';
import { definePlaybook, scheduleOf } from '../shared/playbook/manifest.ts';
import { CostReport } from './config.ts';
import { CostPlanInput } from './plan/plan.ts';

export default definePlaybook({
  name: 'cost-report',
  purpose:
    'Month-to-date spend by service with credits apart, per linked account, forecast against the budget, anomalies, movers and the savings nightly-cleanup realised (HTML, CSV, JSON)',
  description:
    "the runbook's \"Cost Management\" spend check, made safe, read from the Cost Explorer of the organization's management account (`accounts.managementAccountId` through its member role; default the home account): the month to date (on the 1st the whole previous month; End exclusive) from one paginated GetCostAndUsage by SERVICE and RECORD_TYPE (credits and refunds apart, the same days of last month, day-over-day movers); when the stage has other accounts, one more paginated GetCostAndUsage by LINKED_ACCOUNT (charges only) gives each account's spend, share and last day against the day before, naming the account most of a day-over-day spike came from; GetCostForecast to the month's end against the budget (alert when over), GetAnomalies of the last 7 days and the savings nightly-cleanup realised; last two days marked provisional; HTML (SVG chart) + CSV + JSON and a summary; a Cost Explorer error, a management account whose member role cannot be assumed or a month without data gives a report that says so; the report states its Cost Explorer requests (0.01 USD each)",
  runbook: 'Cost Management',
  configKey: 'costReport',
  config: CostReport,
  input: CostPlanInput,
  example: { input: {} },
  triggers: {
    schedules: ({ settings }) => scheduleOf(settings.schedule),
  },
  steps: {
    costPlan: {
      folder: 'plan',
      description: 'Decides the month, days, forecast and anomaly windows of a cost report from today',
      iam: [],
    },
    costUsage: {
      folder: 'usage',
      actsIn: 'target',
      description: 'Reads daily spend by service and record type from Cost Explorer (one paginated query)',
      iam: [allow(['ce:GetCostAndUsage'], '*')],
    },
    costForecast: {
      folder: 'forecast',
      actsIn: 'target',
      description: "Reads Cost Explorer's forecast of the month's remaining spend",
      iam: [allow(['ce:GetCostForecast'], '*')],
    },
    costAnomalies: {
      folder: 'anomalies',
      actsIn: 'target',
      description: 'Reads the cost anomalies of the last 7 days',
      iam: [allow(['ce:GetAnomalies'], '*')],
    },
    costAccounts: {
      folder: 'accounts',
      actsIn: 'target',
      description: 'Reads spend per linked account, last day against the day before (one paginated query)',
      iam: [allow(['ce:GetCostAndUsage'], '*')],
    },
    costSavings: {
      folder: 'savings',
      description: 'Sums what the nightly cleanup realised in the month from its reports',
      iam: [
        listReports('reports/nightly-cleanup/*'),
        allow(['s3:GetObject'], reportsObjects('reports/nightly-cleanup/*')),
      ],
    },
    costReport: {
      folder: 'report',
      description: 'Writes the cost report (HTML chart, CSV, JSON) and notifies, with a budget alert',
      iam: publishReport,
    },
    costReportFailed: {
      folder: 'failed',
      description: 'Tells the channels that a cost report run failed',
      iam: publishReport,
    },
  },
});
