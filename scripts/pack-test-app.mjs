#!/usr/bin/env node
/*
 * Writes the scratch app used by scripts/pack-test.sh: a fresh Backstage app
 * (backend + legacy app + new frontend system) that depends on the packed
 * tarballs and uses each plugin as the README's install guide says.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [work] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pins = rootPkg.resolutions;
const app = join(work, 'app');
mkdirSync(join(app, 'src'), { recursive: true });

const packs = {
  '@ameideio/plugin-secrets-common': 'secrets-common',
  '@ameideio/plugin-secrets-node': 'secrets-node',
  '@ameideio/plugin-secrets-backend': 'secrets-backend',
  '@ameideio/plugin-secrets': 'secrets',
  '@ameideio/plugin-scaffolder-backend-module-secrets':
    'scaffolder-backend-module-secrets',
  '@ameideio/plugin-search-backend-module-secrets':
    'search-backend-module-secrets',
  '@ameideio/plugin-tech-insights-backend-module-secrets':
    'tech-insights-backend-module-secrets',
};
const backstage = [
  '@backstage/backend-defaults',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-permission-backend',
  '@backstage/plugin-search-backend',
  '@backstage/plugin-search-react',
  '@backstage/core-plugin-api',
  '@backstage/core-components',
  '@backstage/plugin-catalog',
  '@backstage/plugin-catalog-react',
  '@backstage/frontend-plugin-api',
  '@backstage/frontend-defaults',
];

const pkg = {
  name: 'scratch-app',
  private: true,
  dependencies: {
    ...Object.fromEntries(
      Object.entries(packs).map(([n, f]) => [n, `file:../packs/${f}.tgz`]),
    ),
    ...Object.fromEntries(backstage.map(n => [n, pins[n] ?? '*'])),
    // community plugins: the versions of the pinned release
    '@backstage-community/plugin-tech-insights-backend': '3.1.0',
    '@material-ui/core': '^4.12.4',
    react: '^18.0.2',
    'react-dom': '^18.0.2',
    'react-router-dom': '^6.30.2',
  },
  devDependencies: {
    '@types/react': '^18',
    '@types/react-dom': '^18',
    typescript: rootPkg.devDependencies.typescript,
  },
  // the tarballs depend on each other by version; resolve those to the packs
  resolutions: {
    ...pins,
    ...Object.fromEntries(
      Object.entries(packs).map(([n, f]) => [n, `file:../packs/${f}.tgz`]),
    ),
  },
};
writeFileSync(join(app, 'package.json'), JSON.stringify(pkg, null, 2));
writeFileSync(join(app, 'yarn.lock'), '');
writeFileSync(
  join(app, '.yarnrc.yml'),
  'nodeLinker: node-modules\nenableTelemetry: false\nnpmMinimalAgeGate: 0\n',
);
writeFileSync(
  join(app, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        esModuleInterop: true,
      },
      include: ['src'],
    },
    null,
    2,
  ),
);

// the test app's backend: the packed plugins and the Backstage plugins they extend
const backendFeatures = [
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-permission-backend',
  '@backstage/plugin-scaffolder-backend',
  '@ameideio/plugin-scaffolder-backend-module-secrets',
  '@ameideio/plugin-secrets-backend',
  '@backstage/plugin-search-backend',
  '@ameideio/plugin-search-backend-module-secrets',
  '@backstage-community/plugin-tech-insights-backend',
  '@ameideio/plugin-tech-insights-backend-module-secrets',
];
writeFileSync(
  join(app, 'src', 'backend.ts'),
  `import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
${backendFeatures
  .map(name => `backend.add(import('${name}'));\n`)
  .join('')}backend.start();
`,
);
writeFileSync(
  join(app, 'src', 'EntityPage.tsx'),
  `import { EntityLayout } from '@backstage/plugin-catalog';
import { SearchResult } from '@backstage/plugin-search-react';
import {
  EntitySecretsContent,
  isSecretsAvailable,
  SecretsOverviewPage,
  SecretsSearchResultListItem,
  secretsPlugin,
} from '@ameideio/plugin-secrets';

export const plugins = [secretsPlugin];
export const overview = <SecretsOverviewPage />;
export const searchResults = (
  <SearchResult>
    <SecretsSearchResultListItem />
  </SearchResult>
);
export const serviceEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/secrets" title="Secrets" if={isSecretsAvailable}>
      <EntitySecretsContent />
    </EntityLayout.Route>
  </EntityLayout>
);
`,
);
writeFileSync(
  join(app, 'src', 'nfs.ts'),
  `import secretsPlugin from '@ameideio/plugin-secrets/alpha';
import { createApp } from '@backstage/frontend-defaults';

export const app = createApp({ features: [secretsPlugin] });
`,
);
writeFileSync(
  join(app, 'src', 'engine.ts'),
  `import { analyze } from '@ameideio/plugin-secrets-node';
import { secretsEntityReadPermission, type SecretsReport } from '@ameideio/plugin-secrets-common';

const report: SecretsReport = analyze(new Map([['sources/charts/apps/demo/Chart.yaml', 'name: demo']]));
export const summary = { findings: report.findings.length, permission: secretsEntityReadPermission.name };
`,
);
console.log(`[pack] scratch app written to ${app}`);
