import { Config } from '@backstage/config';

export type Persona = { name: string; title: string; description?: string };

export function readPersonas(config: Config): Persona[] {
  return (
    config.getOptionalConfigArray('auth.providers.demoPersona.personas') ?? []
  ).map(persona => ({
    name: persona.getString('name'),
    title: persona.getString('title'),
    description: persona.getOptionalString('description'),
  }));
}

// The chosen persona survives a reload, as the guest provider's choice does, until sign-out.
const STORAGE_KEY = 'azure-workload-identity:demo-persona';

export const chosenPersona = {
  get: (): string | undefined =>
    window.localStorage.getItem(STORAGE_KEY) ?? undefined,
  set: (name: string) => window.localStorage.setItem(STORAGE_KEY, name),
  clear: () => window.localStorage.removeItem(STORAGE_KEY),
};
