#!/usr/bin/env bash
# The one test command (README: `./scripts/yarn.sh test:all`), run by CI.
# Runs under the toolchain of scripts/yarn.sh: Node 22 and the installed workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

steps=0
step() {
  steps=$((steps + 1))
  printf '\n\033[1m== %s ==\033[0m\n' "$*"
}
started=$(date +%s)
cleanup() {
  if [ -n "${SECRETS_TEST_PG_DIR:-}" ]; then scripts/postgres.sh stop "$SECRETS_TEST_PG_DIR"; fi
}
trap cleanup EXIT

step "one Backstage release"
node scripts/check-backstage-versions.mjs

step "formatting (prettier --check)"
yarn prettier:check

step "type-check (tsc)"
yarn tsc

step "lint"
yarn backstage-cli repo lint

step "API reports are current"
yarn test:api-reports

step "changesets name workspace packages and bump kinds (changeset status)"
yarn changeset status >/dev/null

step "PostgreSQL for the database tests"
eval "$(scripts/postgres.sh start)"
# Never let TestDatabases reach for Docker: the servers are provided here.
export BACKSTAGE_TEST_DISABLE_DOCKER=1

step "Go oracle for the Helm differential test"
# The differential test of the Helm renderer (src/helm/oracle.*.differential.test.ts) runs against it.
SECRETS_HELM_ORACLE="$(scripts/ensure-go.sh)"
export SECRETS_HELM_ORACLE

step "unit and integration tests"
yarn backstage-cli repo test --watchAll=false --maxWorkers=2

step "the CLI checks the demo's live snapshots"
# the demo backend's offline snapshots, through secrets-guardrails check: every
# live family must be reported (the demo holds one of each)
node plugins/secrets-node/bin/secrets-guardrails check examples/gitops \
  --cluster-snapshot production:prod-eu=examples/snapshots/cluster-prod-eu.yaml \
  --cluster-snapshot staging:staging=examples/snapshots/cluster-staging.yaml \
  --vault-snapshot production=examples/snapshots/vault-production.yaml \
  --vault-snapshot staging=examples/snapshots/vault-staging.yaml \
  --format json --fail-on never |
  node -e '
    let s = "";
    process.stdin.on("data", d => (s += d)).on("end", () => {
      const live = JSON.parse(s).findings.filter(f => f.id.startsWith("live:"));
      const want = ["sync-error", "missing-in-cluster", "missing-in-vault",
        "placeholder-in-vault", "refresh-ignored", "unowned-externalsecret"];
      const missing = want.filter(t => !live.some(f => f.type === t));
      console.log(`${live.length} live findings`);
      if (missing.length) {
        console.error(`no live finding of type ${missing.join(", ")}`);
        process.exit(1);
      }
    });'

step "two backend replicas on one PostgreSQL; benchmark smoke"
node scripts/replicas/run.mjs
# the benchmark through the real backend at 1 s per endpoint (about 20 s):
# fails on any error answer, never on timings
node scripts/bench/run.mjs --smoke

step "end-to-end in Chromium"
scripts/ensure-chromium.sh
node e2e/run.mjs

step "packaging: every plugin packs and installs into a fresh app"
bash scripts/pack-test.sh

step "Red Hat Developer Hub dynamic plugin export"
bash scripts/export-dynamic.sh

echo
echo "all checks passed in $(( $(date +%s) - started ))s"
echo "steps: $steps passed, 0 failed"
