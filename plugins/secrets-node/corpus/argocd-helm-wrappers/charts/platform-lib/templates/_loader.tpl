{{/*
  Called first by every wrapper: the library's defaults (its values.yaml,
  found under .Values.platform-lib) under the wrapper's values, then the
  values the library derives from the release.
*/}}
{{- define "platform-lib.loader.init" -}}
{{- $libDefaults := index .Values "platform-lib" | default dict -}}
{{- $own := omit .Values "platform-lib" -}}
{{- $_ := set . "Values" (mustMergeOverwrite (deepCopy $libDefaults) (deepCopy $own)) -}}
{{- $_ := mergeOverwrite .Values (include "platform-lib.derivedValues" . | fromYaml) -}}
{{- end -}}

{{- define "platform-lib.derivedValues" -}}
{{- if not .Values.fullnameOverride }}
fullnameOverride: {{ .Release.Name | quote }}
{{- end }}
{{- end -}}
