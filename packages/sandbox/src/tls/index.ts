export {
  ensureSandboxTls,
  SANDBOX_TLS_HOSTS,
  SANDBOX_TLS_IPS,
} from './ensureSandboxTls';
export type { SandboxTls } from './ensureSandboxTls';
