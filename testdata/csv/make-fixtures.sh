#!/bin/sh
# make-fixtures.sh — regenerate the CSV fixtures of testdata/csv from testdata/shapes/portal-array.json
# (the 12 sign-ins of testdata/shapes/EXPECTED.md) plus a few hand-written rows.
#
#   sh testdata/csv/make-fixtures.sh        (from the repository root; needs jq)
#
# The generated files are checked in; run this only after changing it, then review with git diff.
# See testdata/csv/README.md for what each file exercises and the figures the tests expect.
set -eu
LC_ALL=C
export LC_ALL
SRC=testdata/shapes/portal-array.json
D=testdata/csv
[ -f "$SRC" ] || { echo "make-fixtures: run me from the repository root" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || { echo "make-fixtures: jq not installed" >&2; exit 2; }

SUF=2026-03-01_2026-03-21
rm -rf "$D/portal" "$D/la" "$D/ps" "$D/dialect"
mkdir -p "$D/portal" "$D/la" "$D/ps"

# ---- jq library ---------------------------------------------------------------------------
LIB='
def cell: if . == null then "" elif type == "boolean" then (if . then "True" else "False" end) else tostring end;
def q: "\"" + (cell | gsub("\""; "\"\"")) + "\"";
def qmin($d): cell | if test("[\"\r\n]") or contains($d) then q else . end;
def all_quoted: map(q) | join(",");
def min_quoted($d): map(qmin($d)) | join($d);
# ISO 8601 with an optional fraction and Z or +hh:mm -> epoch seconds (fraction dropped)
def epoch: capture("^(?<d>[0-9]{4}-[0-9]{2}-[0-9]{2})T(?<t>[0-9]{2}:[0-9]{2}:[0-9]{2})(?<f>[.][0-9]+)?(?<z>Z|[+-][0-9]{2}:[0-9]{2})$") as $c
  | (($c.d + "T" + $c.t + "Z") | fromdateiso8601)
    - (if $c.z == "Z" then 0
       else (($c.z[1:3] | tonumber) * 3600 + ($c.z[4:6] | tonumber) * 60)
            * (if $c.z[0:1] == "-" then -1 else 1 end) end);
def frac: ((capture("[.](?<f>[0-9]+)") | .f) // "");
def iso: epoch | todate;                                     # 2026-03-01T08:15:30Z
def iso7: (epoch | todate | .[0:19]) + "." + ((frac + "0000000")[0:7]) + "Z";
def two: tostring | if length < 2 then "0" + . else . end;
# M/d/yyyy h:mm:ss AM (PowerShell en-US) or, with $la, M/d/yyyy, h:mm:ss.fff AM (Log Analytics UI)
def usdate($la): . as $s | ($s | epoch) as $e | ($e | gmtime) as $g | $g[3] as $h
  | "\($g[1] + 1)/\($g[2])/\($g[0])" + (if $la then ", " else " " end)
    + "\(if $h % 12 == 0 then 12 else $h % 12 end):\($g[4] | two):\($g[5] | floor | two)"
    + (if $la then "." + (($s | frac) + "000")[0:3] else "" end)
    + (if $h < 12 then " AM" else " PM" end);
def code: .status.errorCode;
def etype: (.signInEventTypes // [])[0] // (if .isInteractive then "interactiveUser" else "nonInteractiveUser" end);
def stxt: if code == 0 then "Success" elif (code == 50074 or code == 50140) then "Interrupted" else "Failure" end;
def catxt: {"success": "Success", "failure": "Failure", "notApplied": "Not Applied"}[.conditionalAccessStatus // ""] // "";
def reqtxt: {"multiFactorAuthentication": "Multifactor authentication",
             "singleFactorAuthentication": "Single-factor authentication"}[.authenticationRequirement // ""] // "";
def utype: {"member": "Member", "guest": "Guest"}[.userType // ""] // "";
def loc: if .location then "\(.location.city // ""), \(.location.state // ""), \(.location.countryOrRegion // "")" else "" end;
def newest_first: sort_by(.createdDateTime | epoch) | reverse;
# the 57 values of a portal user CSV row, in the order of $H57 (values the export does not
# carry are empty, except the ones the portal always fills: None / False / Azure AD)
def portal_user: [
  (.createdDateTime | iso), .id, .userAgent, .correlationId, .userId, .userDisplayName,
  .userPrincipalName, utype, "None", "None", "None", .uniqueTokenIdentifier, "", "None", "", "",
  .appDisplayName, .appId, "", .resourceDisplayName, .resourceId, .resourceTenantId, "",
  .homeTenantId, "", .ipAddress, loc, stxt, (if code == 0 then "" else code end),
  .status.failureReason, .clientAppUsed, .deviceDetail.deviceId, .deviceDetail.browser,
  .deviceDetail.operatingSystem, .deviceDetail.isCompliant, .deviceDetail.isManaged,
  .deviceDetail.trustType, .status.additionalDetails, "", "", reqtxt, "", "", "", "", "", "",
  "False", "Azure AD", "None", "", "", catxt, "", "", "", "" ];
def portal_app: [
  (.createdDateTime | iso), .id, .correlationId, .servicePrincipalId, .servicePrincipalName,
  .servicePrincipalCredentialKeyId, "", .appDisplayName, .appId, "", .resourceDisplayName,
  .resourceId, .resourceTenantId, "", .homeTenantId, "", .ipAddress, loc, stxt,
  (if code == 0 then "" else code end), .status.failureReason, catxt ];
def portal_msi: portal_app + [ .managedServiceIdentity.msiType, .managedServiceIdentity.associatedResourceId,
  .managedServiceIdentity.federatedTokenId, .managedServiceIdentity.federatedTokenIssuer ];
# values of row (an array in the order of $full) for the titles of $h (a repeated title takes
# its n-th occurrence); a title not in $full gives ""
def pick($full; $h): . as $row | [ range(0; $h | length) as $i | $h[$i] as $t
  | ([ $h[0:$i][] | select(. == $t) ] | length) as $occ
  | ([ range(0; $full | length) | select($full[.] == $t) ][$occ]) as $j
  | if $j == null then "" else $row[$j] end ];
'

# ---- headers --------------------------------------------------------------------------------
# current generation (bitpusher2k e2e4ed0, 2026-04-29), 57 titles, exact
H57='["Date (UTC)","Request ID","User agent","Correlation ID","User ID","User","Username","User type","Cross tenant access type","Incoming token type","Authentication Protocol","Unique token identifier","Original transfer method","Client credential type","Token Protection - Sign In Session","Token Protection - Sign In Session StatusCode","Application","Application ID ","App owner tenant ID","Resource","Resource ID ","Resource tenant ID","Resource owner tenant ID","Home tenant ID","Home tenant name","IP address","Location","Status","Sign-in error code","Failure reason","Client app","Device ID","Browser","Operating System","Compliant","Managed","Join Type","Multifactor authentication result","Multifactor authentication auth method","Multifactor authentication auth detail","Authentication requirement","Sign-in identifier","Session ID","IP address (seen by resource)","Through Global Secure Access","Global Secure Access IP address","Autonomous system  number","Flagged for review","Token issuer type","Incoming token type","Token issuer name","Latency","Conditional Access","Managed Identity type","Associated Resource Id","Federated Token Id","Federated Token Issuer"]'
# 2024-11-20 (87b1fca), 55 titles = 57 minus App owner tenant ID, Resource owner tenant ID
H55=$(jq -cn --argjson h "$H57" '$h | map(select(. != "App owner tenant ID" and . != "Resource owner tenant ID"))')
# 2024-10-23 (f6cd5e8), 54 titles = 55 minus Session ID
H54=$(jq -cn --argjson h "$H55" '$h | map(select(. != "Session ID"))')
# before Oct 2024, 49 titles = 54 minus the five below
H49=$(jq -cn --argjson h "$H54" '$h | map(select(. as $t | ["Token Protection - Sign In Session StatusCode",
  "Through Global Secure Access", "Global Secure Access IP address", "Federated Token Id",
  "Federated Token Issuer"] | index($t) | not))')
# ApplicationSignIns, 22 titles (formats.md 1.4); MSISignIns = that + 4 (formats.md 1.5)
HAPP='["Date (UTC)","Request ID","Correlation ID","Service principal ID","Service principal name","Credential key ID","Credential thumbprint","Application","Application ID ","App owner tenant ID","Resource","Resource ID ","Resource tenant ID","Resource owner tenant ID","Home tenant ID","Home tenant name","IP address","Location","Status","Sign-in error code","Failure reason","Conditional Access"]'
HMSI=$(jq -cn --argjson h "$HAPP" '$h + ["Managed Identity type","Associated Resource Id","Federated Token Id","Federated Token Issuer"]')
HAUTH='["Request ID","Date (UTC)","Requirement","Authentication method","Authentication method detail","Succeeded","Result detail"]'

bom() { printf '\357\273\277'; }
# jqrows FILTER: run FILTER (with the library) over the 12 sign-ins; raw output lines
jqrows() { jq -r --argjson H57 "$H57" --argjson H55 "$H55" --argjson H54 "$H54" \
	--argjson H49 "$H49" --argjson HAPP "$HAPP" --argjson HMSI "$HMSI" --argjson HAUTH "$HAUTH" \
	"$LIB $1" "$SRC"; }
crlf() { sed 's/$/\r/'; }

# sanity: the header generations have the documented sizes, and the row builders fill them
jqrows '[($H57|length), ($H55|length), ($H54|length), ($H49|length), ($HAPP|length), ($HMSI|length),
	(.[0] | portal_user | length), (.[10] | portal_app | length), (.[11] | portal_msi | length)]
	| if . == [57,55,54,49,22,26,57,22,26] then empty else error("sizes \(.)") end'

# ---- 1. portal downloads ------------------------------------------------------------------
P=$D/portal
{ bom; jqrows '($H57 | all_quoted + "\r")
	, (map(select(etype == "interactiveUser")) | newest_first[] | portal_user | all_quoted + "\r")'
} >"$P/InteractiveSignIns_$SUF.csv"
{ bom; jqrows '($H57 | all_quoted + "\r")
	, (map(select(etype == "nonInteractiveUser")) | newest_first[] | portal_user | all_quoted + "\r")'
} >"$P/NonInteractiveSignIns_$SUF.csv"
{ bom; jqrows '($HAPP | all_quoted + "\r")
	, (map(select(etype == "servicePrincipal")) | newest_first[] | portal_app | all_quoted + "\r")'
} >"$P/ApplicationSignIns_$SUF.csv"
{ bom; jqrows '($HMSI | all_quoted + "\r")
	, (map(select(etype == "managedIdentity")) | newest_first[] | portal_msi | all_quoted + "\r")'
} >"$P/MSISignIns_$SUF.csv"
{ bom; jqrows '($HAUTH | all_quoted + "\r")
	, (map(select(etype == "interactiveUser")) | newest_first[] | .id as $id
	   | .authenticationDetails[] | [$id, (.authenticationStepDateTime | iso),
	     .authenticationStepRequirement, .authenticationMethod, .authenticationMethodDetail,
	     .succeeded, .authenticationStepResultDetail] | all_quoted + "\r")'
} >"$P/InteractiveSignIns_AuthDetails_$SUF.csv"

# ---- 2. Log Analytics CSV exports -----------------------------------------------------------
L=$D/la
LA_USER_COLS='["TenantId","SourceSystem","TimeGenerated [UTC]","ResourceId","OperationName","OperationVersion","Category","ResultType","ResultSignature","ResultDescription","DurationMs","CorrelationId","Resource","ResourceGroup","ResourceProvider","Identity","Level","Location","AppDisplayName","AppId","AuthenticationDetails","AuthenticationRequirement","AutonomousSystemNumber","ClientAppUsed","ConditionalAccessPolicies","ConditionalAccessStatus","CreatedDateTime [UTC]","DeviceDetail","HomeTenantId","IPAddress","Id","IsInteractive","LocationDetails","MfaDetail","ResourceDisplayName","ResourceIdentity","ResourceTenantId","SignInEventTypes","Status","TokenIssuerType","UniqueTokenIdentifier","UserAgent","UserDisplayName","UserId","UserPrincipalName","UserType","Type"]'
LA_SP_COLS='["TenantId","SourceSystem","TimeGenerated [UTC]","OperationName","OperationVersion","Category","ResultType","ResultSignature","ResultDescription","DurationMs","CorrelationId","ResourceGroup","Identity","Level","Location","AppId","ConditionalAccessPolicies","ConditionalAccessStatus","Id","IPAddress","LocationDetails","ResourceDisplayName","ResourceIdentity","ServicePrincipalCredentialKeyId","ServicePrincipalCredentialThumbprint","ServicePrincipalId","ServicePrincipalName","UniqueTokenIdentifier","Type"]'
# la_user EVENTTYPE TABLE CATEGORY TIMESTYLE(iso|ui) DROP-COLUMNS; la_sp EVENTTYPE TABLE CATEGORY
la_user() {
	jq -r --argjson C "$LA_USER_COLS" --arg et "$1" --arg table "$2" --arg cat "$3" \
		--arg style "$4" --argjson drop "$5" "$LIB"'
	def t: if $style == "ui" then usdate(true) else iso7 end;
	def later: (epoch + 120 | todate | .[0:19]) + "." + ((frac + "0000000")[0:7]) + "Z";
	($C | map(select(. as $c | $drop | index($c) | not))) as $cols
	| ($cols | min_quoted(",") + "\r"),
	  (map(select(etype == $et)) | newest_first[] | . as $r | {
	    "TenantId": .homeTenantId, "SourceSystem": "Azure AD",
	    "TimeGenerated [UTC]": (.createdDateTime | later | t),
	    "ResourceId": "/tenants/\(.homeTenantId)/providers/Microsoft.aadiam",
	    "OperationName": "Sign-in activity", "OperationVersion": "1.0", "Category": $cat,
	    "ResultType": (code | tostring), "ResultSignature": "None",
	    "ResultDescription": .status.failureReason, "DurationMs": "0",
	    "CorrelationId": .correlationId, "Resource": "Microsoft.aadiam",
	    "ResourceGroup": "Microsoft.aadiam", "ResourceProvider": "Microsoft.aadiam",
	    "Identity": .userDisplayName, "Level": "4", "Location": .location.countryOrRegion,
	    "AppDisplayName": .appDisplayName, "AppId": .appId,
	    "AuthenticationDetails": ((.authenticationDetails // []) | tojson),
	    "AuthenticationRequirement": .authenticationRequirement, "AutonomousSystemNumber": "",
	    "ClientAppUsed": .clientAppUsed,
	    "ConditionalAccessPolicies": ((.appliedConditionalAccessPolicies // []) | tojson),
	    "ConditionalAccessStatus": .conditionalAccessStatus,
	    "CreatedDateTime [UTC]": (.createdDateTime | iso7 | t),
	    "DeviceDetail": (.deviceDetail | tojson), "HomeTenantId": .homeTenantId,
	    "IPAddress": .ipAddress, "Id": .id,
	    "IsInteractive": (if .isInteractive then "true" else "false" end),
	    "LocationDetails": (.location | tojson), "MfaDetail": "",
	    "ResourceDisplayName": .resourceDisplayName, "ResourceIdentity": .resourceId,
	    "ResourceTenantId": .resourceTenantId,
	    "SignInEventTypes": ((.signInEventTypes // []) | tojson),
	    "Status": (.status | tojson), "TokenIssuerType": .tokenIssuerType,
	    "UniqueTokenIdentifier": .uniqueTokenIdentifier, "UserAgent": .userAgent,
	    "UserDisplayName": .userDisplayName, "UserId": .userId,
	    "UserPrincipalName": .userPrincipalName, "UserType": .userType, "Type": $table }
	    | [ .[$cols[]] ] | min_quoted(",") + "\r")' "$SRC"
}
la_sp() {
	jq -r --argjson C "$LA_SP_COLS" --arg et "$1" --arg table "$2" --arg cat "$3" "$LIB"'
	($C | min_quoted(",") + "\r"),
	  (map(select(etype == $et)) | newest_first[] | {
	    "TenantId": .resourceTenantId, "SourceSystem": "Azure AD",
	    "TimeGenerated [UTC]": (.createdDateTime | iso7),
	    "OperationName": "Sign-in activity", "OperationVersion": "1.0", "Category": $cat,
	    "ResultType": (code | tostring), "ResultSignature": "None",
	    "ResultDescription": .status.failureReason, "DurationMs": "0",
	    "CorrelationId": .correlationId, "ResourceGroup": "Microsoft.aadiam",
	    "Identity": .servicePrincipalName, "Level": "4", "Location": .location.countryOrRegion,
	    "AppId": .appId,
	    "ConditionalAccessPolicies": ((.appliedConditionalAccessPolicies // []) | tojson),
	    "ConditionalAccessStatus": .conditionalAccessStatus, "Id": .id, "IPAddress": .ipAddress,
	    "LocationDetails": (.location | tojson), "ResourceDisplayName": .resourceDisplayName,
	    "ResourceIdentity": .resourceId,
	    "ServicePrincipalCredentialKeyId": .servicePrincipalCredentialKeyId,
	    "ServicePrincipalCredentialThumbprint": "",
	    "ServicePrincipalId": .servicePrincipalId, "ServicePrincipalName": .servicePrincipalName,
	    "UniqueTokenIdentifier": .uniqueTokenIdentifier, "Type": $table }
	    | [ .[$C[]] ] | min_quoted(",") + "\r")' "$SRC"
}
# SigninLogs: UI date spelling (3/13/2026, 7:04:33.120 PM; 3/13 has a day > 12), BOM
{ bom; la_user interactiveUser SigninLogs SignInLogs ui '["SignInEventTypes"]'; } >"$L/SigninLogs.csv"
# AADNonInteractiveUserSignInLogs: ISO times with 7 digits; the table has no Resource*, ResourceId
la_user nonInteractiveUser AADNonInteractiveUserSignInLogs NonInteractiveUserSignInLogs iso \
	'["ResourceId","Resource","ResourceProvider"]' >"$L/AADNonInteractiveUserSignInLogs.csv"
# the service principal and managed identity tables have no CreatedDateTime and no AppDisplayName
la_sp servicePrincipal AADServicePrincipalSignInLogs ServicePrincipalSignInLogs \
	>"$L/AADServicePrincipalSignInLogs.csv"
la_sp managedIdentity AADManagedIdentitySignInLogs ManagedIdentitySignInLogs \
	>"$L/AADManagedIdentitySignInLogs.csv"

# ---- 4. PowerShell flattenings ----------------------------------------------------------------
S=$D/ps
# (a) Graph beta SDK objects flattened with dotted titles, Export-Csv with type line, en-US dates
PS_COLS='["CreatedDateTime","Id","UserPrincipalName","UserDisplayName","UserId","UserType","AppDisplayName","AppId","ResourceDisplayName","ResourceId","ResourceTenantId","HomeTenantId","IPAddress","ClientAppUsed","CorrelationId","ConditionalAccessStatus","IsInteractive","AuthenticationRequirement","TokenIssuerType","UniqueTokenIdentifier","UserAgent","Status.ErrorCode","Status.FailureReason","Status.AdditionalDetails","Location.City","Location.State","Location.CountryOrRegion","Location.GeoCoordinates.Latitude","Location.GeoCoordinates.Longitude","DeviceDetail.DeviceId","DeviceDetail.DisplayName","DeviceDetail.OperatingSystem","DeviceDetail.Browser","DeviceDetail.IsCompliant","DeviceDetail.IsManaged","DeviceDetail.TrustType","RiskDetail","RiskLevelAggregated","RiskLevelDuringSignIn","RiskState"]'
{ bom; printf '#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignIn\r\n'
  jq -r --argjson C "$PS_COLS" "$LIB"'
	($C | all_quoted + "\r"),
	(map(select(etype == "interactiveUser" or etype == "nonInteractiveUser")) | sort_by(.createdDateTime | epoch)[]
	 | [ (.createdDateTime | usdate(false)), .id, .userPrincipalName, .userDisplayName, .userId,
	     .userType, .appDisplayName, .appId, .resourceDisplayName, .resourceId,
	     .resourceTenantId, .homeTenantId, .ipAddress, .clientAppUsed, .correlationId,
	     .conditionalAccessStatus, .isInteractive, .authenticationRequirement,
	     .tokenIssuerType, .uniqueTokenIdentifier, .userAgent, .status.errorCode,
	     .status.failureReason, .status.additionalDetails, .location.city, .location.state,
	     .location.countryOrRegion, .location.geoCoordinates.latitude,
	     .location.geoCoordinates.longitude, .deviceDetail.deviceId, .deviceDetail.displayName,
	     .deviceDetail.operatingSystem, .deviceDetail.browser, .deviceDetail.isCompliant,
	     .deviceDetail.isManaged, .deviceDetail.trustType, .riskDetail, .riskLevelAggregated,
	     .riskLevelDuringSignIn, .riskState ] | all_quoted + "\r")' "$SRC"
} >"$S/EntraIDSignInLogsGraphBeta.csv"

# (b) day-first culture (en-AU), -NoTypeInformation; rows 2 and 3 have a day > 12.
#     Row 1 3/11/2025 = 3 November; row 4 1/12/2025 12:30:00 AM = 2025-12-01T00:30:00Z.
{ bom; crlf <<'EOF'
"CreatedDateTime","Id","UserPrincipalName","AppDisplayName","AppId","IPAddress","ClientAppUsed","Status.ErrorCode","Status.FailureReason","Location.CountryOrRegion","IsInteractive"
"3/11/2025 9:15:00 AM","b0b0b0b0-0001-4000-8000-000000000001","alice.smith@contoso.com","Azure Portal","c44b4083-3bb0-49c1-b47d-974e53cbdf3c","203.0.113.10","Browser","0","","AU","True"
"15/11/2025 3:55:59 AM","b0b0b0b0-0002-4000-8000-000000000002","bob.jones@contoso.com","Azure Portal","c44b4083-3bb0-49c1-b47d-974e53cbdf3c","198.51.100.20","Browser","50126","Error validating credentials due to invalid username or password.","AU","True"
"28/11/2025 1:05:07 PM","b0b0b0b0-0003-4000-8000-000000000003","alice.smith@contoso.com","Microsoft Teams","1fec8e78-bce4-4aaf-ab1b-5451cc387264","203.0.113.10","Mobile Apps and Desktop clients","0","","AU","False"
"1/12/2025 12:30:00 AM","b0b0b0b0-0004-4000-8000-000000000004","carol.diaz@contoso.com","Microsoft Teams","1fec8e78-bce4-4aaf-ab1b-5451cc387264","192.0.2.50","Browser","0","","AU","True"
EOF
} >"$S/signins-en-AU.csv"

# (c) ambiguous: every date has day and month <= 12, and 3/11 and 5/11 differ -> --date-order needed
{ bom; crlf <<'EOF'
"CreatedDateTime","Id","UserPrincipalName","AppDisplayName","IPAddress","Status.ErrorCode","IsInteractive"
"3/11/2025 9:15:00 AM","c0c0c0c0-0001-4000-8000-000000000001","alice.smith@contoso.com","Azure Portal","203.0.113.10","0","True"
"5/11/2025 10:00:00 AM","c0c0c0c0-0002-4000-8000-000000000002","bob.jones@contoso.com","Azure Portal","198.51.100.20","0","True"
"11/11/2025 4:20:00 PM","c0c0c0c0-0003-4000-8000-000000000003","carol.diaz@contoso.com","Azure Portal","192.0.2.50","50126","True"
EOF
} >"$S/signins-ambiguous.csv"

# (c') conflicting: 13/3/2026 says day first, 3/14/2026 says month first -> file error
{ bom; crlf <<'EOF'
"CreatedDateTime","Id","UserPrincipalName","AppDisplayName","IPAddress","Status.ErrorCode","IsInteractive"
"13/3/2026 9:15:00 AM","d0d0d0d0-0001-4000-8000-000000000001","alice.smith@contoso.com","Azure Portal","203.0.113.10","0","True"
"3/14/2026 10:00:00 AM","d0d0d0d0-0002-4000-8000-000000000002","bob.jones@contoso.com","Azure Portal","198.51.100.20","0","True"
EOF
} >"$S/signins-mixed-order.csv"

# (d) Hawk: Get-MgAuditLogSignIn | Export-Csv -NoTypeInformation -Encoding UTF8 (v1.0 SDK objects):
#     nested objects collapse to their .NET type names, so no row has an error code.
{ bom; crlf <<'EOF'
"AppDisplayName","AppId","AppliedConditionalAccessPolicies","ClientAppUsed","ConditionalAccessStatus","CorrelationId","CreatedDateTime","DeviceDetail","Id","IPAddress","IsInteractive","Location","ResourceDisplayName","ResourceId","RiskDetail","RiskLevelAggregated","RiskLevelDuringSignIn","RiskState","Status","UserDisplayName","UserId","UserPrincipalName","AdditionalProperties"
"Azure Portal","c44b4083-3bb0-49c1-b47d-974e53cbdf3c","Microsoft.Graph.PowerShell.Models.MicrosoftGraphAppliedConditionalAccessPolicy[]","Browser","success","5e1a0001-00c0-4001-8001-002026030001","3/1/2026 8:15:30 AM","Microsoft.Graph.PowerShell.Models.MicrosoftGraphDeviceDetail","5e1a0001-001d-4001-8001-002026030001","203.0.113.10","True","Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInLocation","Windows Azure Service Management API","797f4846-ba00-4fd7-ba43-dac1f8f63013","none","none","none","none","Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus","Alice Smith","0a1b2c3d-1111-4a5b-8c9d-000000000001","alice.smith@contoso.com","System.Collections.Generic.Dictionary`2[System.String,System.Object]"
"Office 365 Exchange Online","00000002-0000-0ff1-ce00-000000000000","Microsoft.Graph.PowerShell.Models.MicrosoftGraphAppliedConditionalAccessPolicy[]","Browser","success","5e1a0004-00c0-4004-8004-002026030004","3/5/2026 2:02:11 PM","Microsoft.Graph.PowerShell.Models.MicrosoftGraphDeviceDetail","5e1a0004-001d-4004-8004-002026030004","203.0.113.10","True","Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInLocation","Office 365 Exchange Online","00000002-0000-0ff1-ce00-000000000000","none","none","none","none","Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus","Alice Smith","0a1b2c3d-1111-4a5b-8c9d-000000000001","Alice.Smith@Contoso.com","System.Collections.Generic.Dictionary`2[System.String,System.Object]"
"Microsoft Teams","1fec8e78-bce4-4aaf-ab1b-5451cc387264","Microsoft.Graph.PowerShell.Models.MicrosoftGraphAppliedConditionalAccessPolicy[]","Mobile Apps and Desktop clients","notApplied","e0e0e0e0-00c0-4001-8001-002026031401","3/14/2026 6:30:00 PM","Microsoft.Graph.PowerShell.Models.MicrosoftGraphDeviceDetail","e0e0e0e0-001d-4001-8001-002026031401","203.0.113.10","False","Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInLocation","Office 365 Exchange Online","00000002-0000-0ff1-ce00-000000000000","none","none","none","none","Microsoft.Graph.PowerShell.Models.MicrosoftGraphSignInStatus","Alice Smith","0a1b2c3d-1111-4a5b-8c9d-000000000001","alice.smith@contoso.com","System.Collections.Generic.Dictionary`2[System.String,System.Object]"
EOF
} >"$S/Entra_Sign_In_Log_alice.smith@contoso.com.csv"

# ---- 5. dialects and header generations ---------------------------------------------------------
X=$D/dialect
I=InteractiveSignIns_$SUF.csv
mkdir -p "$X/semicolon" "$X/tab" "$X/lf-nobom" "$X/embedded" "$X/gen49" "$X/gen54" "$X/gen55" \
	"$X/badrow" "$X/french" "$X/spanish" "$X/missing-required" "$X/authdetails-alone" \
	"$X/extra-columns" "$X/unnamed"
# interactive rows (sign-ins 1-8), newest first, as arrays in $H57 order
INTER='(map(select(etype == "interactiveUser")) | newest_first[] | portal_user)'

# European re-save (Excel, list separator ";"): BOM kept, CRLF, quotes only where needed
{ bom; jqrows "(\$H57 | min_quoted(\";\") + \"\\r\"), ($INTER | min_quoted(\";\") + \"\\r\")"; } >"$X/semicolon/$I"
# TAB-separated, no BOM, LF, quotes only where needed: the non-interactive sign-ins 9 and 10
jqrows '($H57 | min_quoted("\t")),
	(map(select(etype == "nonInteractiveUser")) | newest_first[] | portal_user | min_quoted("\t"))' \
	>"$X/tab/NonInteractiveSignIns_$SUF.csv"
# LF line ends and no BOM, otherwise the portal interactive file
jqrows "(\$H57 | all_quoted), ($INTER | all_quoted)" >"$X/lf-nobom/$I"
# older header generations, same 8 rows
for g in 49 54 55; do
	{ bom; jqrows "(\$H$g | all_quoted + \"\\r\"), ($INTER | pick(\$H57; \$H$g) | all_quoted + \"\\r\")"; } >"$X/gen$g/$I"
done
# unknown extra columns (first, middle, last) are ignored; the two "Incoming token type"
# columns: the first is empty and the second "None" on the even rows, the other way round on the odd
{ bom; jqrows "(([\"Ticket\"] + \$H57[0:27] + [\"Analyst note, free text\"] + \$H57[27:] + [\"Risk score (beta)\"]) | all_quoted + \"\\r\"),
	([$INTER] | to_entries[] | .key as \$k | .value
	 | (if \$k % 2 == 0 then .[9] = \"\" else .[49] = \"\" end)
	 | ([\"INC-\\(1000 + \$k)\"] + .[0:27] + [\"checked, \\\"ok\\\"\"] + .[27:] + [\"\\(\$k * 10)\"]) | all_quoted + \"\\r\")"; } >"$X/extra-columns/$I"
# a user CSV whose name says neither interactive nor non-interactive: event type unknown
{ bom; jqrows "(\$H57 | all_quoted + \"\\r\"), ([$INTER][0:2][] | all_quoted + \"\\r\")"; } >"$X/unnamed/signins.csv"
# AuthDetails alone in its directory: nothing to join to
cp "$P/InteractiveSignIns_AuthDetails_$SUF.csv" "$X/authdetails-alone/"

# embedded newline, comma and "" inside quoted cells (hand-written, 3 rows, CRLF, BOM)
{ bom; jq -r -n --argjson H57 "$H57" "$LIB"'
  def row($t; $id; $ua; $name; $upn; $code; $reason; $city):
    [ $t, $id, $ua, "", "", $name, $upn, "Member", "None", "None", "None", "", "", "None", "", "",
      "Azure Portal", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "", "", "", "", "", "", "",
      "203.0.113.10", "\($city), , DE", (if $code == "" then "Success" else "Failure" end), $code,
      $reason, "Browser", "", "", "", "False", "False", "", "", "", "",
      "Single-factor authentication", "", "", "", "", "", "", "False", "Azure AD", "None", "", "",
      "Not Applied", "", "", "", "" ];
  ($H57 | all_quoted + "\r"),
  (row("2026-03-02T10:00:00Z"; "eeee0001-0000-4000-8000-000000000001";
       "Mozilla/5.0 (X11; Linux x86_64) \"Quoted/1.0\", with comma";
       "Smith, Alice \"Ali\""; "ali.smith@contoso.com"; ""; "Other."; "Köln") | all_quoted + "\r"),
  (row("2026-03-02T11:00:00Z"; "eeee0002-0000-4000-8000-000000000002";
       "curl/8.5.0\r\nX-Injected: yes";
       "O\u0027Brien, Pat"; "pat.obrien@contoso.com"; "50126";
       "Error validating credentials, line one.\r\nLine two with \"quotes\", and a comma."; "Berlin") | all_quoted + "\r"),
  (row("2026-03-02T12:00:00Z"; "eeee0003-0000-4000-8000-000000000003"; "Plain/1.0";
       "Zoë \"Z\" Müller"; "zoe.muller@contoso.com"; ""; "Other."; "Hamburg") | all_quoted + "\r")'
} >"$X/embedded/$I"

# a row with the wrong number of cells. Line 1 header; record 1 on line 2; record 2 (sign-in 3,
# failure reason with an embedded newline) on lines 3-4; record 3 on line 5 has one cell too few;
# records 4 and 5 on lines 6 and 7; record 6 on line 8 has one cell too many; record 7 on line 9.
{ bom; jqrows "(\$H57 | all_quoted + \"\\r\"),
	(. as \$all | [\$all[1], (\$all[2] | .status.failureReason |= sub(\" invalid \"; \"\\r\\ninvalid \")),
	  \$all[3], \$all[4], \$all[5], \$all[6], \$all[7]]
	 | to_entries[] | .key as \$k | .value | portal_user
	 | (if \$k == 2 then .[0:56] elif \$k == 5 then . + [\"extra\"] else . end)
	 | all_quoted + \"\\r\")"; } >"$X/badrow/$I"

# localised headers (formats.md 1.8); "Date (UTC)" is the same in French. French status value
# "Opération réussie" = Success (its error code is blank); failures carry their code.
{ bom; crlf <<'EOF'
"Date (UTC)","Nom d'utilisateur","Agent utilisateur","ID d'application","Ressource","Adresse IP","Emplacement","Statut","Code d'erreur de connexion","Application cliente","ID de l'appareil","Navigateur","Système d'exploitation","Conforme","Géré","Exigence d’authentification","Protocole d'authentification","Type d'accès client croisée","ID de session","Numéro de système autonome"
"2026-03-02T08:00:00Z","alice.smith@contoso.com","Mozilla/5.0","c44b4083-3bb0-49c1-b47d-974e53cbdf3c","Windows Azure Service Management API","203.0.113.10","Paris, Île-de-France, FR","Opération réussie","","Navigateur","","Edge 122.0.0","Windows 10","False","False","Authentification multifacteur","Aucun","Aucun","","64496"
"2026-03-02T09:00:00Z","bob.jones@contoso.com","Mozilla/5.0","c44b4083-3bb0-49c1-b47d-974e53cbdf3c","Windows Azure Service Management API","198.51.100.20","Lyon, Auvergne-Rhône-Alpes, FR","Échec","50126","Navigateur","","Edge 122.0.0","Windows 10","False","False","Authentification à facteur unique","Aucun","Aucun","","64497"
"2026-03-03T10:30:00Z","carol.diaz@contoso.com","Mozilla/5.0","1fec8e78-bce4-4aaf-ab1b-5451cc387264","Office 365 Exchange Online","192.0.2.50","Lyon, Auvergne-Rhône-Alpes, FR","Opération réussie","","Navigateur","","Edge 122.0.0","Windows 10","False","False","Authentification à facteur unique","Aucun","Aucun","","64497"
EOF
} >"$X/french/$I"
# Spanish: no error-code title is documented, so every row is a success told by Estado "Correcto"
{ bom; crlf <<'EOF'
"Fecha (UTC)","Id. de correlación","Id. de usuario","Usuario","Nombre de usuario","Tipo de usuario","Aplicación","Recurso","Dirección IP","Ubicación","Estado","Motivo del error","Aplicación cliente","Explorador","Sistema operativo","Requisito de autenticación","Protocolo de autenticación","Tipo de credencial de cliente","Número de sistema autónomo"
"2026-03-02T08:00:00Z","5e1a00f1-00c0-4001-8001-002026030201","0a1b2c3d-1111-4a5b-8c9d-000000000001","Alice Smith","alice.smith@contoso.com","Miembro","Azure Portal","Windows Azure Service Management API","203.0.113.10","Madrid, Comunidad de Madrid, ES","Correcto","Other.","Explorador","Edge 122.0.0","Windows 10","Autenticación multifactor","Ninguno","Ninguno","64496"
"2026-03-02T09:00:00Z","5e1a00f2-00c0-4001-8001-002026030202","0a1b2c3d-2222-4a5b-8c9d-000000000002","Bob Jones","bob.jones@contoso.com","Miembro","Microsoft Teams","Office 365 Exchange Online","198.51.100.20","Sevilla, Andalucía, ES","Correcto","Other.","Aplicaciones móviles y clientes de escritorio","Rich Client 4.61.0.0","Windows 10","Autenticación de factor único","Ninguno","Ninguno","64497"
"2026-03-04T10:00:00Z","5e1a00f3-00c0-4001-8001-002026030203","0a1b2c3d-3333-4a5b-8c9d-000000000003","Carol Díaz","carol.diaz@contoso.com","Miembro","Azure Portal","Windows Azure Service Management API","192.0.2.50","Sevilla, Andalucía, ES","Correcto","Other.","Explorador","Safari 17.3","MacOs","Autenticación de factor único","Ninguno","Ninguno","64497"
EOF
} >"$X/spanish/$I"

# no time, no identity, no status/code title: file error naming Timestamp, Account, Result
{ bom; crlf <<'EOF'
"Timestamp","Account","Application","IP address","Result"
"2026-03-02T08:00:00Z","alice.smith@contoso.com","Azure Portal","203.0.113.10","Success"
EOF
} >"$X/missing-required/$I"

echo "make-fixtures: done"
