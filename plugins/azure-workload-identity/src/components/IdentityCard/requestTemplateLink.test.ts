import { requestTemplateLink } from './requestTemplateLink';

describe('requestTemplateLink', () => {
  it('fills in the component, its namespace and its likely service account', () => {
    const link = requestTemplateLink('component:default/search-indexer', {
      kubernetesId: 'search-indexer',
      namespace: 'search',
    });
    const url = new URL(link, 'http://backstage.test');
    expect(url.pathname).toBe('/create/templates/default/request-azure-access');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      entityRef: 'component:default/search-indexer',
      namespace: 'search',
      serviceAccountName: 'search-indexer',
    });
  });

  it('fills in only the component when the catalog knows nothing else', () => {
    const url = new URL(
      requestTemplateLink('component:default/lonely', {}),
      'http://backstage.test',
    );
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      entityRef: 'component:default/lonely',
    });
  });
});
