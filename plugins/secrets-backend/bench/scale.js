/* eslint-disable */
// Runs the TypeScript scale simulation through the Backstage CLI's transform.
require('@backstage/cli/config/nodeTransform.cjs');
require('./scale.ts');
