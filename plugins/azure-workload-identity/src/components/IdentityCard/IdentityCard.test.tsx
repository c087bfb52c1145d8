import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { IdentityCard } from './IdentityCard';

describe('IdentityCard', () => {
  it('says plainly that inspection is not available yet', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="orders-api"
        entityRef="component:default/orders-api"
        workload={{ kubernetesId: 'orders-api' }}
      />,
    );
    expect(
      screen.getByText(
        'Live inspection of the identity chain is not available yet.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the workload selector and namespace it will inspect', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="orders-api"
        entityRef="component:default/orders-api"
        workload={{ kubernetesId: 'orders-api', namespace: 'orders' }}
      />,
    );
    expect(screen.getByTestId('awi-workload')).toHaveTextContent(
      'orders-api will be inspected through the workloads labelled backstage.io/kubernetes-id=orders-api in namespace orders.',
    );
  });

  it('tells the owner which annotation to add when no workload is named', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="lonely"
        entityRef="component:default/lonely"
        workload={{}}
      />,
    );
    expect(screen.getByTestId('awi-workload')).toHaveTextContent(
      'add the annotation backstage.io/kubernetes-id',
    );
  });

  it('links to the request template filled in for the component', async () => {
    await renderInTestApp(
      <IdentityCard
        entityName="orders-api"
        entityRef="component:default/orders-api"
        workload={{ kubernetesId: 'orders-api', namespace: 'orders' }}
      />,
    );
    const link = screen.getByRole('button', { name: 'Request Azure access' });
    expect(link.getAttribute('href')).toMatch(
      /^\/create\/templates\/default\/request-azure-access\?formData=/,
    );
    expect(decodeURIComponent(link.getAttribute('href')!)).toContain(
      '"entityRef":"component:default/orders-api"',
    );
  });
});
