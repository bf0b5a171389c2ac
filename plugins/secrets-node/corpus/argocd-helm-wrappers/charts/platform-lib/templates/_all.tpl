{{- define "platform-lib.all" -}}
{{- include "platform-lib.loader.init" . -}}
{{ include "platform-lib.externalSecrets" . }}
{{ include "platform-lib.deployment" . }}
{{ include "platform-lib.fileConfigMaps" . }}
{{- end -}}
