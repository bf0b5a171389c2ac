{{/*
  One ExternalSecret per entry of .Values.externalSecrets:
    - name: <ExternalSecret name>
      target: <Secret name, default name>
      store: { kind, name }         (default .Values.secrets.store)
      data: [{ secretKey, key (may hold a template), property }]
      extract: [<remote key>]       (whole Secret of the source namespace)
*/}}
{{- define "platform-lib.externalSecrets" -}}
{{- if include "platform-lib.secretsEnabled" . }}
{{- $defaultStore := .Values.secrets.store }}
{{- range .Values.externalSecrets }}
{{- $store := .store | default $defaultStore }}
---
apiVersion: {{ include "platform-lib.esApiVersion" $ }}
kind: ExternalSecret
metadata:
  name: {{ .name }}
  labels:
    {{- include "platform-lib.labels" $ | nindent 4 }}
spec:
  refreshInterval: {{ .refreshInterval | default $.Values.refreshInterval }}
  secretStoreRef:
    kind: {{ $store.kind }}
    name: {{ $store.name }}
  target:
    name: {{ .target | default .name }}
    {{- with .type }}
    template:
      type: {{ . }}
    {{- end }}
  {{- with .data }}
  data:
    {{- range . }}
    - secretKey: {{ .secretKey | quote }}
      remoteRef:
        key: {{ tpl (toString .key) $ }}
        {{- if .property }}
        property: {{ .property | quote }}
        {{- end }}
    {{- end }}
  {{- end }}
  {{- with .extract }}
  dataFrom:
    {{- range . }}
    - extract:
        key: {{ . }}
    {{- end }}
  {{- end }}
{{- end }}
{{- end }}
{{- end -}}
