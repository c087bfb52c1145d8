import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

// As `@backstage/create-app` writes it, without the home page module (its plugins are not
// installed here). `app.packages: all` discovers the rest, the Azure Workload Identity plugin
// among them, from this package's dependencies.
export default createApp({
  features: [catalogPlugin, navModule],
});
