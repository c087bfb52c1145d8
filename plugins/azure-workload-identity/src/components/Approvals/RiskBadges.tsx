import { ApprovalReason } from '@internal/plugin-azure-workload-identity-common';
import Chip from '@material-ui/core/Chip';

// The risks an approver weighs first, by the policy's reason codes; the full sentences are
// shown beside them.
const BADGES: Record<string, string> = {
  'privileged-role': 'Privileged role',
  'broad-scope': 'Broad scope',
  production: 'Production',
  'environment-unknown': 'Environment not stated',
  'must-not-unmet': 'Must-not unmet',
};

export function RiskBadges(props: { reasons: ApprovalReason[] }) {
  const labels = [
    ...new Set(props.reasons.map(reason => BADGES[reason.code] ?? reason.code)),
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
