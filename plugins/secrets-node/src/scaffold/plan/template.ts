/* The values-driven ExternalSecret template the chart gets. */
import { put, type PlanContext } from './context';
import { ScaffoldError } from './types';

const HEADER = (chart: string) => `{{- /*
  Chart-owned ExternalSecrets of ${chart}: one ExternalSecret per entry in
  .Values.externalSecrets, rendered only when .Values.secrets.enabled.
  remoteRef is a map (key, property) or a string (the Vault key, property
  "value"). Every Vault key of an external or service-generated Secret needs
  an entry in the fixture map.
*/ -}}`;

/**
 * The `data` list of a values-driven ExternalSecret: one entry per
 * `.data` item, whose `remoteRef` is a string (the Vault key, property
 * "value") or a map; `mapProperty` is what the map form writes after `key`.
 */
export const remoteRefData = (mapProperty: string) => `  data:
  {{- range .data }}
    - secretKey: {{ .secretKey }}
      remoteRef:
      {{- if kindIs "string" .remoteRef }}
        key: {{ .remoteRef }}
        property: value
      {{- else }}
        key: {{ .remoteRef.key }}
${mapProperty}
      {{- end }}
  {{- end }}`;

function templateFor(
  chartName: string,
  helpers: { name?: string; labels?: string },
): string {
  let labels: string;
  if (helpers.labels) {
    labels = `    {{- include "${helpers.labels}" $ | nindent 4 }}`;
  } else {
    const name = helpers.name
      ? `{{ include "${helpers.name}" $ }}`
      : '{{ $.Chart.Name }}';
    labels = `    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/instance: {{ $.Release.Name }}`;
  }
  return `${HEADER(chartName)}
{{- if .Values.secrets.enabled }}
{{- range .Values.externalSecrets }}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {{ .name }}
  labels:
${labels}
  annotations:
    secrets.ameide.io/origin: {{ .origin | default "external" | quote }}
spec:
  refreshInterval: {{ .refreshInterval | default $.Values.secrets.refreshInterval | default "1h" }}
  secretStoreRef:
    {{- $store := .store | default $.Values.secrets.store }}
    kind: {{ $store.kind }}
    name: {{ $store.name }}
  target:
    name: {{ .target | default .name }}
    creationPolicy: Owner
${remoteRefData(
  '        property: {{ .remoteRef.property | default "value" }}',
)}
{{- end }}
{{- end }}
`;
}

/** Plans the ExternalSecret template; an existing values-driven one is kept. */
export function planTemplate(ctx: PlanContext) {
  const { tree, chartName } = ctx;
  const { chartPath } = ctx.paths;
  const templatePath = `${chartPath}/templates/externalsecret.yaml`;
  const helperText = [...tree.keys()]
    .filter(p => p.startsWith(`${chartPath}/templates/`) && p.endsWith('.tpl'))
    .map(p => tree.get(p) ?? '')
    .join('\n');
  const defined = (h: string) =>
    new RegExp(`define\\s+"${h.replace(/[.]/g, '\\.')}"`).test(helperText);
  const template = templateFor(chartName, {
    name: [`${chartName}.name`, `${chartName}.fullname`].find(defined),
    labels: [`${chartName}.labels`].find(defined),
  });
  const existingTemplate = tree.get(templatePath);
  if (existingTemplate !== undefined && existingTemplate !== template) {
    if (!/range\s+\.Values\.externalSecrets\b/.test(existingTemplate)) {
      throw new ScaffoldError(
        `${templatePath} exists and does not render .Values.externalSecrets; move it away or make it values-driven, nothing was written`,
      );
    }
    // an existing values-driven template is kept as it is
    put(ctx, templatePath, 'template', existingTemplate);
  } else {
    put(ctx, templatePath, 'template', template);
  }
}
