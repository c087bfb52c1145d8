import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const revokeAccessExamples: TemplateExample[] = [
  {
    description: 'Revoke the Azure access a request granted',
    example: yaml.stringify({
      steps: [
        {
          id: 'revoke',
          action: 'azure:workload-identity:revoke',
          name: 'Revoke Azure access',
          input: {
            requestId: '0190f5e2-7b1c-7c3d-8e4f-0123456789ab',
          },
        },
      ],
    }),
  },
];
