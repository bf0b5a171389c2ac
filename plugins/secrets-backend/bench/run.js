#!/usr/bin/env node
/* eslint-disable */
// Runs bench.ts through the Backstage CLI's TypeScript transform.
require('@backstage/cli/config/nodeTransform.cjs');
const bench = require('./bench.ts');
(process.argv.includes('--serve')
  ? bench.serve()
  : bench.main(process.argv.slice(2))
)
  .then(code => process.exit(code))
  .catch(e => {
    console.error(e);
    process.exit(2);
  });
