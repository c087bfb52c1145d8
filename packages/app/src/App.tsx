import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Plugins are discovered from this package's dependencies (`app.packages: all` in
// app-config.yaml), including the Azure Workload Identity plugin's identity card.
export default createApp({
  features: [navModule, signInModule],
});
