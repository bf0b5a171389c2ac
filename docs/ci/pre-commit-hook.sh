#!/usr/bin/env bash
# Example git pre-commit hook for a GitOps repository: blocks a commit that
# introduces error-level secret findings (missing fixture, inline credential,
# two owners of one Secret, ...). Install with:
#   cp pre-commit-hook.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
# or reference it from a pre-commit framework `local` hook (see below).
set -euo pipefail

# Only run when chart, values or manifest files are part of the commit.
if ! git diff --cached --name-only | grep -Eq '\.(ya?ml|tpl)$'; then
  exit 0
fi

exec npx --yes --package @ameideio/plugin-secrets-node secrets-guardrails check "$(git rev-parse --show-toplevel)" --format text

# pre-commit framework equivalent (.pre-commit-config.yaml):
# repos:
#   - repo: local
#     hooks:
#       - id: secret-guardrails
#         name: secret guardrails
#         entry: npx --yes --package @ameideio/plugin-secrets-node secrets-guardrails check . --format text
#         language: system
#         pass_filenames: false
#         files: '\.(ya?ml|tpl)$'
