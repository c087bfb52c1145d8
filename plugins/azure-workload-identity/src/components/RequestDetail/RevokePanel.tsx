import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/**
 * Takes a request's access away: its role assignments, federated credential and the service
 * account's pointer. A revoke that stopped part-way is finished by asking again.
 */
export function RevokePanel(props: {
  /** `revoking`: an earlier revoke stopped part-way. */
  status: string;
  onRevoke(options: {
    reason?: string;
    deleteIdentity: boolean;
  }): Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [deleteIdentity, setDeleteIdentity] = useState(false);
  const [busy, setBusy] = useState(false);
  const resuming = props.status === 'revoking';

  if (!open) {
    return (
      <Button
        variant="outlined"
        color="secondary"
        onClick={() => setOpen(true)}
      >
        {resuming ? 'Finish revoking' : 'Revoke this access'}
      </Button>
    );
  }
  return (
    <div data-testid="awi-revoke">
      <Typography variant="body2" paragraph>
        The workload loses this access at once: its role assignments, its
        federated credential and its service account&apos;s client id are
        removed. What another request still holds stays.
      </Typography>
      <TextField
        id="awi-revoke-reason"
        label="Why (optional)"
        value={reason}
        onChange={e => setReason(e.target.value)}
        fullWidth
        margin="dense"
        inputProps={{ maxLength: 2000 }}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={deleteIdentity}
            onChange={e => setDeleteIdentity(e.target.checked)}
          />
        }
        label="Also delete the identity, if nothing else uses it"
      />
      <div>
        <Button
          variant="contained"
          color="secondary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            props
              .onRevoke({ reason: reason.trim() || undefined, deleteIdentity })
              .finally(() => setBusy(false));
          }}
        >
          {busy ? 'Revoking…' : 'Revoke now'}
        </Button>
        <Button disabled={busy} onClick={() => setOpen(false)}>
          Keep it
        </Button>
      </div>
    </div>
  );
}
