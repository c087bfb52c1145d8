import {
  mockCredentials,
  mockServices,
  ServiceMock,
} from '@backstage/backend-test-utils';
import { LoggerService } from '@backstage/backend-plugin-api';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ModuleSettings,
  readModuleSettings,
} from '../config/readModuleSettings';

/** What the task's checkpoints hold, shared between runs of the same task. */
export type CheckpointStore = Map<string, unknown>;

/**
 * An action context as the scaffolder builds it, with a logger to read and checkpoints that
 * behave as the scaffolder's: a key that succeeded before returns its stored value without
 * running again; a failure is not stored. The mock context of the test utils leaves out
 * `isDryRun` and `checkpoint`, so they are set here.
 */
export function actionContext<TInput extends object>(options: {
  input: TInput;
  isDryRun?: boolean;
  checkpoints?: CheckpointStore;
}) {
  const logger = mockServices.logger.mock();
  const checkpoints = options.checkpoints ?? new Map();
  const checkpoint = jest.fn(
    async ({ key, fn }: { key: string; fn: () => unknown }) => {
      if (checkpoints.has(key)) return checkpoints.get(key);
      const value = await fn();
      checkpoints.set(key, value);
      return value;
    },
  );
  const ctx = {
    ...createMockActionContext({ input: options.input as any, logger }),
    isDryRun: options.isDryRun ?? false,
    checkpoint: checkpoint as any,
  };
  /** Each output by name, as the step put it out. */
  const outputs = (): Record<string, unknown> =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  return { ctx, logger, checkpoint, checkpoints, outputs };
}

/** The lines the action wrote at one level. */
export function logLines(
  logger: ServiceMock<LoggerService>,
  level: 'info' | 'warn' | 'error',
): string[] {
  return logger[level].mock.calls.map(call => String(call[0]));
}

/** The token the mock auth service issues for calls on behalf of the mock context's user. */
export const USER_TOKEN = mockCredentials.service.token({
  onBehalfOf: mockCredentials.user(),
  targetPluginId: 'azure-workload-identity',
});

export function testSettings(
  overrides: Partial<ModuleSettings> = {},
): ModuleSettings {
  return {
    ...readModuleSettings(
      mockServices.rootConfig({
        data: { app: { baseUrl: 'http://backstage.test/' } },
      }),
    ),
    pollIntervalMs: 1,
    ...overrides,
  };
}
