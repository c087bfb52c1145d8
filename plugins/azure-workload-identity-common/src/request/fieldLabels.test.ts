import { fieldLabel } from './fieldLabels';

describe('fieldLabel', () => {
  it.each([
    ['resources[0].resourceId', 'Resource 1'],
    ['resources[1]', 'Resource 2'],
    ['resources[2].intent', 'Intent of resource 3'],
    ['resources[0].permissions[1]', 'Permissions on resource 1'],
    ['serviceAccountName', 'Service account'],
    ['namespace', 'Namespace'],
    ['expiresAt', 'Access ends on'],
    ['(request)', 'The request'],
    ['somethingNew', 'somethingNew'],
  ])('names %s “%s”', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });
});
