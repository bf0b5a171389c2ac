{{- define "${{ values.name }}.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "${{ values.name }}.fullname" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end }}

{{- define "${{ values.name }}.labels" -}}
app.kubernetes.io/name: {{ include "${{ values.name }}.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
backstage.io/kubernetes-id: {{ include "${{ values.name }}.name" . }}
{{- end }}
