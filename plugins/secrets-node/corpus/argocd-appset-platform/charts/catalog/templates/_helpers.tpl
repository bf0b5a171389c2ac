{{- define "catalog.fullname" -}}
{{- printf "%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "catalog.dbSecret" -}}
{{- printf "%s-db" (include "catalog.fullname" .) -}}
{{- end -}}
