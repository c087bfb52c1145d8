import {
  ApprovalReason,
  ApprovalReasonCode,
} from '@backstage-community/plugin-azure-workload-identity-common';
import Chip from '@material-ui/core/Chip';

// The risks an approver weighs first, by the policy's reason codes, each named for what it
// is; the full sentences are shown beside them. A Record over the code type makes a new code
// without a label a type error rather than a badge showing the raw code.
const BADGES: Record<ApprovalReasonCode, string> = {
  'privileged-role': 'Privileged role',
  'data-owner-role': 'Data Owner role',
  'grants-access-role': 'Can grant access',
  'wildcard-actions': 'Wildcard (*) actions',
  'broad-scope': 'Broad scope',
  production: 'Production',
  'environment-unknown': 'Environment unknown',
  'must-not-unmet': 'Must-not unmet',
  'other-team-resource': "Another team's resource",
  'other-team-namespace': "Another team's namespace",
  'namespace-unowned': 'Namespace has no owner',
  'other-component-identity': "Another component's identity",
  'identity-unowned': 'Identity made outside the portal',
};

/** The badge for one reason; a code from a newer backend still shows, as itself. */
export function riskBadgeLabel(code: string): string {
  return BADGES[code as ApprovalReasonCode] ?? code;
}

export function RiskBadges(props: { reasons: ApprovalReason[] }) {
  const labels = [
    ...new Set(props.reasons.map(reason => riskBadgeLabel(reason.code))),
  ];
  return (
    <div data-testid="awi-risk-badges">
      {labels.map(label => (
        <Chip
          key={label}
          label={label}
          size="small"
          color="secondary"
          style={{ marginRight: 4 }}
        />
      ))}
    </div>
  );
}
