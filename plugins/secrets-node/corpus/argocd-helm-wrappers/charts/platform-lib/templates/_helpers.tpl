{{- define "platform-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "platform-lib.labels" -}}
app.kubernetes.io/name: {{ include "platform-lib.fullname" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "platform-lib.secretsEnabled" -}}
{{- $s := .Values.secrets | default dict -}}
{{- if ne (toString (dig "enabled" true $s)) "false" -}}true{{- end -}}
{{- end -}}

{{- define "platform-lib.esApiVersion" -}}
{{- if .Capabilities.APIVersions.Has "external-secrets.io/v1/ExternalSecret" -}}
external-secrets.io/v1
{{- else -}}
external-secrets.io/v1beta1
{{- end -}}
{{- end -}}

{{/* One ConfigMap per files/*.conf of the wrapper chart. */}}
{{- define "platform-lib.fileConfigMaps" -}}
{{- range $path, $_ := .Files.Glob "files/*.conf" }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ printf "%s-%s" (include "platform-lib.fullname" $) (base $path | trimSuffix ".conf") }}
data:
  {{ base $path }}: {{ $.Files.Get $path | quote }}
{{- end }}
{{- end -}}
