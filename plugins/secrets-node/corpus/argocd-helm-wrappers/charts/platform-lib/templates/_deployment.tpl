{{- define "platform-lib.deployment" -}}
{{- with .Values.workload }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "platform-lib.fullname" $ }}
  labels:
    {{- include "platform-lib.labels" $ | nindent 4 }}
spec:
  replicas: {{ .replicas | default 1 }}
  selector:
    matchLabels:
      app.kubernetes.io/name: {{ include "platform-lib.fullname" $ }}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ include "platform-lib.fullname" $ }}
    spec:
      {{- with .imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      containers:
        - name: {{ include "platform-lib.fullname" $ }}
          image: {{ printf "%s:%s" .image.repository (toString .image.tag) | quote }}
          {{- with .env }}
          env:
            {{- range $k, $v := . }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          {{- end }}
          {{- with .envFromSecrets }}
          envFrom:
            {{- range . }}
            - secretRef:
                name: {{ . }}
            {{- end }}
          {{- end }}
          {{- with .secretVolumes }}
          volumeMounts:
            {{- range . }}
            - name: {{ .secret }}
              mountPath: {{ .path }}
              readOnly: true
            {{- end }}
          {{- end }}
      {{- with .secretVolumes }}
      volumes:
        {{- range . }}
        - name: {{ .secret }}
          secret:
            secretName: {{ .secret }}
        {{- end }}
      {{- end }}
{{- end }}
{{- end -}}
