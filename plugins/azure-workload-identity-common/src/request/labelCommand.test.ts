import { labelCommand } from './labelCommand';

describe('labelCommand', () => {
  it('labels the pod template and sets its service account in one patch', () => {
    expect(
      labelCommand({
        namespace: 'media',
        workload: 'deployment/media-processor',
        serviceAccountName: 'media-processor',
      }),
    ).toBe(
      `kubectl -n media patch deployment media-processor --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"media-processor"}}}}'`,
    );
  });

  it('patches the workload of the kind the chain names', () => {
    expect(
      labelCommand({
        namespace: 'orders',
        workload: 'statefulset/orders-db',
        serviceAccountName: 'orders-api',
      }),
    ).toBe(
      `kubectl -n orders patch statefulset orders-db --type merge -p '{"spec":{"template":{"metadata":{"labels":{"azure.workload.identity/use":"true"}},"spec":{"serviceAccountName":"orders-api"}}}}'`,
    );
  });

  it("patches a CronJob's job template, and takes a bare name for a deployment", () => {
    expect(
      labelCommand({
        namespace: 'reporting',
        workload: 'cronjob/reporting-job',
        serviceAccountName: 'reporting-job',
      }),
    ).toContain(
      `patch cronjob reporting-job --type merge -p '{"spec":{"jobTemplate":{"spec":{"template":{"metadata"`,
    );
    expect(
      labelCommand({
        namespace: 'orders',
        workload: 'orders-api',
        serviceAccountName: 'orders-api',
      }),
    ).toContain('kubectl -n orders patch deployment orders-api ');
  });
});
