/* eslint-disable */
// Runs the chart renderer through the Backstage CLI's transform.
require('@backstage/cli/config/nodeTransform.cjs');
require('./render-chart.ts');
