[CmdletBinding()]
param([string]$Out = ".")
Get-MgAuditLogSignIn -All | ConvertTo-Json -Depth 100 | Out-File "$Out/signins.json"
