import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { baselineAzureSeed, BASELINE } from '../seed/baseline';
import {
  startTestSandbox,
  TestSandbox,
} from '../__testUtils__/startTestSandbox';

const SUB = BASELINE.subscriptionId;
const RG = `/subscriptions/${SUB}/resourceGroups/rg-apps`;
const ACCOUNT = `${RG}/providers/Microsoft.Storage/storageAccounts/ordersdata`;
const CONTAINER = `${ACCOUNT}/blobServices/default/containers/orders`;
const READER_ROLE = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`;
const CONTRIBUTOR_ROLE = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`;
const PRINCIPAL = BASELINE.identity.principalId;

describe('role definitions and assignments through @azure/arm-authorization', () => {
  let t: TestSandbox;
  let authz: AuthorizationManagementClient;

  beforeAll(async () => {
    t = await startTestSandbox({ seed: baselineAzureSeed() });
    authz = new AuthorizationManagementClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
  });
  afterAll(() => t.stop());

  it('serves the built-in catalogue by id, by roleName and by type', async () => {
    const byId = await authz.roleDefinitions.get(
      `/subscriptions/${SUB}`,
      '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    );
    expect(byId).toMatchObject({
      id: READER_ROLE,
      name: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
      roleName: 'Storage Blob Data Reader',
      roleType: 'BuiltInRole',
      assignableScopes: ['/'],
      permissions: [
        {
          dataActions: [
            'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
          ],
        },
      ],
    });
    // getById with a leading '/' goes out as '//subscriptions/...'.
    expect((await authz.roleDefinitions.getById(READER_ROLE)).roleName).toBe(
      'Storage Blob Data Reader',
    );
    const named = [];
    for await (const r of authz.roleDefinitions.list(`/subscriptions/${SUB}`, {
      filter: "roleName eq 'Key Vault Secrets User'",
    }))
      named.push(r);
    expect(named.map(r => r.name)).toEqual([
      '4633458b-17de-408a-b874-0445c86b69e6',
    ]);
    let builtIn = 0;
    for await (const r of authz.roleDefinitions.list(`/subscriptions/${SUB}`, {
      filter: "type eq 'BuiltInRole'",
    }))
      builtIn += r.roleType === 'BuiltInRole' ? 1 : 0;
    expect(builtIn).toBe(48);
    await expect(
      authz.roleDefinitions.get(
        `/subscriptions/${SUB}`,
        '00000000-0000-0000-0000-00000000dead',
      ),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: 'RoleDefinitionDoesNotExist',
    });
  });

  it('creates, gets and deletes an assignment at a resource scope with the contract body', async () => {
    const name = '05c5a614-a7d6-4502-b150-c2fb455033ff';
    const created = await authz.roleAssignments.create(CONTAINER, name, {
      roleDefinitionId: CONTRIBUTOR_ROLE,
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
    });
    expect(created).toMatchObject({
      id: `${CONTAINER}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      scope: CONTAINER,
      roleDefinitionId: CONTRIBUTOR_ROLE,
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
      updatedBy: t.sandbox.azure.twin.portal.objectId,
    });
    expect(created.createdOn).toBeInstanceOf(Date);
    expect(
      (await authz.roleAssignments.get(CONTAINER, name)).roleDefinitionId,
    ).toBe(CONTRIBUTOR_ROLE);
    expect(
      (
        await authz.roleAssignments.getById(
          `${CONTAINER}/providers/Microsoft.Authorization/roleAssignments/${name}`,
        )
      ).name,
    ).toBe(name);
    // Same name, same content: idempotent update.
    await authz.roleAssignments.create(CONTAINER, name, {
      roleDefinitionId: CONTRIBUTOR_ROLE,
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
      description: 'x',
    });

    const deleted = await authz.roleAssignments.delete(CONTAINER, name);
    expect(deleted?.name).toBe(name);
    await expect(
      authz.roleAssignments.get(CONTAINER, name),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: 'RoleAssignmentNotFound',
    });
    // 204: the SDK resolves without an assignment.
    expect(
      (await authz.roleAssignments.delete(CONTAINER, name))?.name,
    ).toBeUndefined();
  });

  it('answers RoleAssignmentExists and RoleAssignmentUpdateNotPermitted', async () => {
    await expect(
      authz.roleAssignments.create(
        ACCOUNT,
        'aaaaaaaa-0000-0000-0000-000000000001',
        {
          roleDefinitionId: READER_ROLE,
          principalId: PRINCIPAL,
          principalType: 'ServicePrincipal',
        },
      ),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'RoleAssignmentExists',
      message: 'The role assignment already exists.',
    });
    const name = 'aaaaaaaa-0000-0000-0000-000000000002';
    await authz.roleAssignments.create(ACCOUNT, name, {
      roleDefinitionId: CONTRIBUTOR_ROLE,
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
    });
    await expect(
      authz.roleAssignments.create(RG, name, {
        roleDefinitionId: CONTRIBUTOR_ROLE,
        principalId: PRINCIPAL,
        principalType: 'ServicePrincipal',
      }),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'RoleAssignmentUpdateNotPermitted',
      message:
        'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
    });
    await authz.roleAssignments.delete(ACCOUNT, name);
  });

  it('lists with atScope() (at or above) and principalId eq (at, above and below)', async () => {
    const rgLevel = 'bbbbbbbb-0000-0000-0000-000000000001';
    const below = 'bbbbbbbb-0000-0000-0000-000000000002';
    await authz.roleAssignments.create(RG, rgLevel, {
      roleDefinitionId: READER_ROLE.replace(
        '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        'acdd72a7-3385-48ef-bd42-f606fba81ae7',
      ),
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
    });
    await authz.roleAssignments.create(CONTAINER, below, {
      roleDefinitionId: CONTRIBUTOR_ROLE,
      principalId: PRINCIPAL,
      principalType: 'ServicePrincipal',
    });
    const collect = async (scope: string, filter?: string) => {
      const out: string[] = [];
      for await (const ra of authz.roleAssignments.listForScope(scope, {
        filter,
      }))
        out.push(`${ra.scope}|${ra.principalId}`);
      return out;
    };
    const atScope = await collect(ACCOUNT, 'atScope()');
    expect(atScope).toEqual(
      expect.arrayContaining([
        `${ACCOUNT}|${PRINCIPAL}`,
        `${RG}|${PRINCIPAL}`,
        `/subscriptions/${SUB}|${t.sandbox.azure.twin.portal.objectId}`,
      ]),
    );
    expect(atScope).not.toContain(`${CONTAINER}|${PRINCIPAL}`);
    const forPrincipal = await collect(
      ACCOUNT,
      `principalId eq '${PRINCIPAL}'`,
    );
    expect(forPrincipal.sort()).toEqual(
      [
        `${ACCOUNT}|${PRINCIPAL}`,
        `${CONTAINER}|${PRINCIPAL}`,
        `${RG}|${PRINCIPAL}`,
      ].sort(),
    );
    const inSub: string[] = [];
    for await (const ra of authz.roleAssignments.listForSubscription({
      filter: `principalId eq '${PRINCIPAL}'`,
    }))
      inSub.push(ra.name!);
    expect(inSub).toEqual(expect.arrayContaining([rgLevel, below]));
    const inRg: string[] = [];
    for await (const ra of authz.roleAssignments.listForResourceGroup(
      'rg-apps',
    ))
      inRg.push(ra.name!);
    expect(inRg).toEqual(expect.arrayContaining([rgLevel, below]));
  });

  it('answers PrincipalNotFound while a new identity replicates, unless principalType is given', async () => {
    const realism = t.sandbox.azure.twin.context.realism;
    realism.principalReplicationDelayMs = 300;
    try {
      const msi = new ManagedServiceIdentityClient(t.credential, SUB, {
        endpoint: t.url,
        ...t.clientOptions,
      });
      const identity = await msi.userAssignedIdentities.createOrUpdate(
        'rg-apps',
        'wi-new',
        { location: 'eastus' },
      );
      // Azure skips the directory lookup when the type is given, so no delay applies.
      const typed = await authz.roleAssignments.create(
        CONTAINER,
        'cccccccc-0000-0000-0000-000000000003',
        {
          roleDefinitionId: READER_ROLE,
          principalId: identity.principalId!,
          principalType: 'ServicePrincipal',
        },
      );
      expect(typed.principalType).toBe('ServicePrincipal');
      const name = 'cccccccc-0000-0000-0000-000000000001';
      const params = {
        roleDefinitionId: READER_ROLE,
        principalId: identity.principalId!,
      };
      await expect(
        authz.roleAssignments.create(ACCOUNT, name, params),
      ).rejects.toMatchObject({
        statusCode: 400,
        code: 'PrincipalNotFound',
        message: expect.stringContaining(
          `Principal ${identity.principalId!.replace(
            /-/g,
            '',
          )} does not exist in the directory ${t.tenantId}.`,
        ),
      });
      await new Promise(r => setTimeout(r, 350));
      // Once replicated, the lookup finds the identity and records what it is.
      expect(
        await authz.roleAssignments.create(ACCOUNT, name, params),
      ).toMatchObject({
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
      });
    } finally {
      realism.principalReplicationDelayMs = 0;
    }
    await expect(
      authz.roleAssignments.create(
        ACCOUNT,
        'cccccccc-0000-0000-0000-000000000002',
        {
          roleDefinitionId: READER_ROLE,
          principalId: 'dddddddd-0000-0000-0000-000000000000',
        },
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'PrincipalNotFound' });
  });
});

describe('the portal principal is authorized by RBAC too', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({
      seed: baselineAzureSeed(),
      // Least privilege: Managed Identity Contributor on rg-apps only.
      portalRoles: [{ role: 'Managed Identity Contributor', scope: RG }],
    });
  });
  afterAll(() => t.stop());

  it('may manage identities in rg-apps but not assign roles or read elsewhere', async () => {
    const msi = new ManagedServiceIdentityClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
    await msi.userAssignedIdentities.createOrUpdate('rg-apps', 'wi-lp', {
      location: 'eastus',
    });
    await msi.federatedIdentityCredentials.createOrUpdate(
      'rg-apps',
      'wi-lp',
      'fic1',
      {
        issuer: BASELINE.aksIssuerUrl,
        subject: 'system:serviceaccount:a:b',
        audiences: ['api://AzureADTokenExchange'],
      },
    );
    await expect(
      msi.userAssignedIdentities.get('rg-aks', 'anything'),
    ).rejects.toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });

    const authz = new AuthorizationManagementClient(t.credential, SUB, {
      endpoint: t.url,
      ...t.clientOptions,
    });
    const name = '05c5a614-a7d6-4502-b150-c2fb455033ff';
    const portal = t.sandbox.azure.twin.portal.objectId;
    await expect(
      authz.roleAssignments.create(ACCOUNT, name, {
        roleDefinitionId: READER_ROLE,
        principalId: PRINCIPAL,
        principalType: 'ServicePrincipal',
      }),
    ).rejects.toMatchObject({
      statusCode: 403,
      code: 'AuthorizationFailed',
      message: `The client '${portal}' with object id '${portal}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '${ACCOUNT}/providers/Microsoft.Authorization/roleAssignments/${name}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    });
  });
});
