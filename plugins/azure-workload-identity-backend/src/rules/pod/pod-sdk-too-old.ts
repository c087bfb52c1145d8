import { valueOf } from '../../inspection/reads';
import { ENTITY_ANNOTATIONS } from '../../inspection/derive';
import {
  BindingRule,
  commandFix,
  findingOf,
  refs,
} from '../../inspection/rule';

/**
 * The minimum Azure Identity library versions Microsoft lists for workload identity, and the
 * package manager's upgrade command; Java's build files have none, so that one is in words.
 */
const MINIMUMS: {
  library: string;
  min: string;
  upgrade: string;
  inWords?: true;
}[] = [
  {
    library: 'Azure.Identity',
    min: '1.9.0',
    upgrade: 'dotnet add package Azure.Identity',
  },
  {
    library: 'azure-identity-cpp',
    min: '1.6.0',
    upgrade: 'vcpkg upgrade azure-identity-cpp',
  },
  {
    library: 'github.com/Azure/azure-sdk-for-go/sdk/azidentity',
    min: '1.3.0',
    upgrade: 'go get github.com/Azure/azure-sdk-for-go/sdk/azidentity@latest',
  },
  {
    library: 'azidentity',
    min: '1.3.0',
    upgrade: 'go get github.com/Azure/azure-sdk-for-go/sdk/azidentity@latest',
  },
  {
    library: 'com.azure:azure-identity',
    min: '1.9.0',
    upgrade:
      'Raise com.azure:azure-identity to 1.9.0 or later in the build file (Maven or Gradle), then build and deploy the application.',
    inWords: true,
  },
  {
    library: 'azure-identity-java',
    min: '1.9.0',
    upgrade:
      'Raise com.azure:azure-identity to 1.9.0 or later in the build file (Maven or Gradle), then build and deploy the application.',
    inWords: true,
  },
  {
    library: '@azure/identity',
    min: '3.2.0',
    upgrade: 'npm install @azure/identity@^4',
  },
  {
    library: 'azure-identity',
    min: '1.13.0',
    upgrade: "pip install 'azure-identity>=1.13.0'",
  },
];

/** Declared metadata says the Azure Identity library predates workload identity (heuristic). */
export const podSdkTooOld: BindingRule = {
  id: 'pod-sdk-too-old',
  link: 'pod',
  scope: 'binding',
  reads: ['O4'],
  masks: [],
  severity: 'info',
  detects:
    'The catalog entity declares an Azure Identity library older than the first version with workload identity. A heuristic: it reads the declared version, not the running code.',
  fix: 'Upgrades the library with its package manager (for Java, says which version to put in the build file); the catalog annotation then needs the new version too.',
  evaluate({ unit }) {
    const declared = valueOf(unit.snapshot.entity)?.annotations[
      ENTITY_ANNOTATIONS.sdk
    ];
    if (!declared) return [];
    const at = declared.lastIndexOf('@');
    if (at <= 0) return [];
    const library = declared.slice(0, at);
    const version = declared.slice(at + 1);
    const known = MINIMUMS.find(m => m.library === library);
    if (!known || compare(version, known.min) >= 0) return [];
    return [
      findingOf(podSdkTooOld, {
        severity: 'info',
        state: 'degraded',
        message: `This workload declares ${library} ${version}; workload identity needs ≥ ${known.min}. (Heuristic: based on declared metadata, not on the running code.)`,
        evidence: {
          expected: `${library} ≥ ${known.min}`,
          actual: `${version} (source: annotation)`,
        },
        fix: known.inWords
          ? { kind: 'action', owner: 'component', text: known.upgrade }
          : commandFix(known.upgrade, 'component', {
              note: `Run it in the application's source, then build and deploy it. The card reads the version from the catalog annotation ${ENTITY_ANNOTATIONS.sdk}: update it there too.`,
            }),
        ref: refs.workload(unit),
      }),
    ];
  },
};

function compare(a: string, b: string): number {
  const parts = (v: string) =>
    v.split(/[.-]/).map(p => Number.parseInt(p, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return 0;
}
