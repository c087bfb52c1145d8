import { readProblem } from './readProblem';

describe('readProblem', () => {
  it('says a well-formed id no request has does not exist', () => {
    const problem = readProblem({
      id: '0190f5e2-7b1c-7c3d-8e4f-0123456789ab',
      status: 404,
      message: 'request 0190f5e2-7b1c-7c3d-8e4f-0123456789ab not found',
    });
    expect(problem.title).toBe('This request does not exist');
    expect(problem.message).toMatch(
      /^No request for Azure access has the id 0190f5e2-7b1c-7c3d-8e4f-0123456789ab\. Check the link/,
    );
  });

  it('says a malformed id is no request id, with what one looks like', () => {
    const problem = readProblem({
      id: 'abc',
      status: 400,
      message:
        'invalid request id: id: use a request id as the API returned it',
    });
    expect(problem.title).toBe('This request does not exist');
    expect(problem.message).toMatch(
      /^“abc” is not a request id: request ids look like 0190f5e2-/,
    );
  });

  it("keeps the backend's words for a refusal or a failure", () => {
    expect(
      readProblem({ id: 'x', status: 403, message: 'only your own' }),
    ).toEqual({
      title: 'You may not read this request',
      message: 'only your own',
    });
    expect(
      readProblem({ id: 'x', status: 500, message: 'database down' }),
    ).toEqual({
      title: 'Could not read the request',
      message: 'database down',
    });
  });
});
