#!/usr/bin/env node
/* eslint-disable */
// Runs history.ts through the Backstage CLI's TypeScript transform.
require('@backstage/cli/config/nodeTransform.cjs');
require('./history.ts')
  .main(process.argv.slice(2))
  .then(code => process.exit(code))
  .catch(e => {
    console.error(e);
    process.exit(2);
  });
