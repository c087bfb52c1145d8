import { Pod, PodTemplate } from '../kubernetesTypes';
import { ONE_DAY_AGO } from './world';

/** A pod exactly as its template says: what the API server stores when no webhook ran. */
export function unmutatedPod(name: string, template: PodTemplate): Pod {
  return {
    metadata: {
      name,
      namespace: 'orders',
      labels: { ...template.metadata.labels },
      annotations: { ...template.metadata.annotations },
      creationTimestamp: ONE_DAY_AGO,
    },
    spec: structuredClone(template.spec),
    status: { phase: 'Running' },
  };
}
