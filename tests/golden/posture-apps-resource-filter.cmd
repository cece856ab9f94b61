signlog apps --resource "Microsoft Graph" testdata/reports/posture-signins.jsonl
