/* eslint-disable */
// Prints the engine's score on the test corpus through the Backstage CLI's transform.
require('@backstage/cli/config/nodeTransform.cjs');
require('./corpus.ts');
