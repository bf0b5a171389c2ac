/* eslint-disable */
// Measures the TypeScript template engine against the Go renderer compiled to
// WebAssembly (scripts/ensure-go.sh wasm). Not part of the package.
require('@backstage/cli/config/nodeTransform.cjs');
require('./wasm-vs-ts.ts');
