import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isSecretsAvailable } from '../isSecretsAvailable';

/**
 * The "Secrets" entity content. The same predicate as the legacy
 * `EntitySwitch` decides where it shows.
 * @alpha
 */
export const secretsEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'secrets',
    title: 'Secrets',
    filter: isSecretsAvailable,
    loader: () =>
      import('../components/EntitySecretsContent').then(m => (
        <m.EntitySecretsContent />
      )),
  },
});
