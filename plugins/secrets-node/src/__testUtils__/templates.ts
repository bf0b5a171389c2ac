/*
 * The values-driven ExternalSecret template of the seeds (one ExternalSecret
 * per `.Values.externalSecrets` entry, guarded by `.Values.secrets.enabled`,
 * `remoteRef` as a map or as a string), shared by engine tests and the
 * benchmark's synthetic charts.
 */

import { remoteRefData } from '../scaffold/plan/template';

/** A map `remoteRef` names its property only when it has one. */
const OPTIONAL_PROPERTY = `        {{- with .remoteRef.property }}
        property: {{ . }}
        {{- end }}`;

/** The template; with `helpers`, labels come from `<helpers>.labels` in `_helpers.tpl`. */
export function externalSecretsTemplate(helpers?: string): string {
  const labels = helpers
    ? `\n  labels:\n    {{- include "${helpers}.labels" $ | nindent 4 }}`
    : '';
  return `{{- if .Values.secrets.enabled }}
{{- range .Values.externalSecrets }}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ .name }}${labels}
spec:
  refreshInterval: {{ .refreshInterval | default "1h" }}
  secretStoreRef:
    kind: {{ $.Values.secrets.store.kind }}
    name: {{ $.Values.secrets.store.name }}
  target:
    name: {{ .target | default .name }}
${remoteRefData(OPTIONAL_PROPERTY)}
{{- end }}
{{- end }}
`;
}

/** Chart values enabling the template with the platform store. */
export const secretsEnabledValues =
  'secrets:\n  enabled: true\n  store:\n    kind: ClusterSecretStore\n    name: vault\n';
