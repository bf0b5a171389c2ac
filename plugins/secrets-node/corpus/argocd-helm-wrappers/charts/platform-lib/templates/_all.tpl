{{- define "platform-lib.all" -}}
{{ include "platform-lib.externalSecrets" . }}
{{ include "platform-lib.deployment" . }}
{{- end -}}
