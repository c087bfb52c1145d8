import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/** What the request page says when it cannot show the request. */
export interface ReadProblem {
  title: string;
  message: string;
}

/**
 * Why a request could not be read, in words: an id no request has (404) or that is no request
 * id at all (400, e.g. a link cut short) both mean there is no such request; a refusal says
 * who may read it; anything else is the backend's own message.
 */
export function readProblem(options: {
  id: string;
  status?: number;
  message: string;
}): ReadProblem {
  const { id, status, message } = options;
  const check =
    'Check the link you followed, or find the request on its component’s page or the approvals page.';
  if (status === 404) {
    return {
      title: 'This request does not exist',
      message: `No request for Azure access has the id ${id}. ${check}`,
    };
  }
  if (status === 400) {
    return {
      title: 'This request does not exist',
      message: `“${id}” is not a request id: request ids look like 0190f5e2-7b1c-7c3d-8e4f-0123456789ab. ${check}`,
    };
  }
  if (status === 403) {
    return { title: 'You may not read this request', message };
  }
  return { title: 'Could not read the request', message };
}

/** The problem shown open, title and explanation both, not folded away in a panel. */
export function ReadProblemView(props: { problem: ReadProblem }) {
  return (
    <Alert severity="warning" data-testid="awi-request-read-problem">
      <AlertTitle>{props.problem.title}</AlertTitle>
      {props.problem.message}
    </Alert>
  );
}
