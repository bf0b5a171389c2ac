/* eslint-disable */
// Runs the TypeScript benchmark through the Backstage CLI's transform.
require('@backstage/cli/config/nodeTransform.cjs');
require('./bench.ts');
