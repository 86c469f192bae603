#!/usr/bin/env bash
# Escaleer: de ene app-registratie voor bot én tabblad, zonder geheim (docs/deployment.md, stap 7).
#
#   scripts/entra-app.sh <resourcegroep> [naam-van-de-uitrol, standaard escaleer]
#
# Vraagt: `az login` in de tenant van de zorgorganisatie, en het recht om app-registraties te maken.
# Leest de uitkomsten van de uitrol van infra/main.json (hostnaam, tenant, beheerde identiteit) en
# maakt of werkt bij (veilig om te herhalen):
#   1. een single-tenant app-registratie (AzureADMyOrg) met service-principal;
#   2. de Application ID URI api://<hostnaam>/<app-id> met de scope access_as_user;
#   3. de Teams-clients vooraf gemachtigd (desktop/mobiel en web), zodat niemand toestemming hoeft te geven;
#   4. een federatieve identiteitsreferentie die de beheerde identiteit van de web-app vertrouwt:
#      de bot ruilt de token van die identiteit in voor een token van deze app. Er bestaat geen
#      clientgeheim en dit script maakt er nooit een.
# Daarna drukt het de waarde af voor de parameter entraAppId van infra/main.json.
#
# ARM kan geen Entra-app-registraties maken; daarom dit script (az CLI + Microsoft Graph via `az rest`).
set -euo pipefail

RG="${1:-}"
DEPLOYMENT="${2:-escaleer}"
DISPLAY_NAME="${ESCALEER_APP_NAME:-Escaleer}"
GRAPH="https://graph.microsoft.com/v1.0"
TEAMS_DESKTOP_MOBILE="1fec8e78-bce4-4aaf-ab1b-5451cc387264"
TEAMS_WEB="5e3ce6c0-2b1f-4285-8d4b-75ee78787346"
FIC_NAME="escaleer-beheerde-identiteit"
FIC_AUDIENCE="api://AzureADTokenExchange"

if [[ -z "$RG" ]]; then
  echo "Gebruik: scripts/entra-app.sh <resourcegroep> [naam-van-de-uitrol]" >&2
  exit 2
fi

out() { az deployment group show -g "$RG" -n "$DEPLOYMENT" --query "properties.outputs.$1.value" -o tsv; }
HOST="$(out webAppHostname)"
TENANT="$(out botTenantId)"
MI_PRINCIPAL_ID="$(out identityPrincipalId)"
MI_CLIENT_ID="$(out identityClientId)"
for v in HOST TENANT MI_PRINCIPAL_ID MI_CLIENT_ID; do
  if [[ -z "${!v}" ]]; then
    echo "De uitrol '$DEPLOYMENT' in '$RG' heeft geen uitkomst voor $v. Voer eerst stap 4 van docs/deployment.md uit." >&2
    exit 1
  fi
done

new_uuid() { uuidgen 2>/dev/null | tr 'A-Z' 'a-z' || cat /proc/sys/kernel/random/uuid; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 1. De app-registratie (bestaat ze al met deze naam, dan wordt ze bijgewerkt).
OBJECT_ID="$(az rest --method GET --uri "$GRAPH/applications?\$filter=displayName%20eq%20'${DISPLAY_NAME// /%20}'" --query "value[0].id" -o tsv)"
if [[ -z "$OBJECT_ID" ]]; then
  cat > "$TMP/app.json" <<EOF
{ "displayName": "$DISPLAY_NAME", "signInAudience": "AzureADMyOrg" }
EOF
  OBJECT_ID="$(az rest --method POST --uri "$GRAPH/applications" --headers "Content-Type=application/json" --body @"$TMP/app.json" --query id -o tsv)"
  echo "App-registratie '$DISPLAY_NAME' gemaakt."
else
  echo "App-registratie '$DISPLAY_NAME' bestaat al; ze wordt bijgewerkt."
fi
APP_ID="$(az rest --method GET --uri "$GRAPH/applications/$OBJECT_ID" --query appId -o tsv)"

SP_ID="$(az rest --method GET --uri "$GRAPH/servicePrincipals?\$filter=appId%20eq%20'$APP_ID'" --query "value[0].id" -o tsv)"
if [[ -z "$SP_ID" ]]; then
  cat > "$TMP/sp.json" <<EOF
{ "appId": "$APP_ID" }
EOF
  az rest --method POST --uri "$GRAPH/servicePrincipals" --headers "Content-Type=application/json" --body @"$TMP/sp.json" -o none
fi

# 2. API: api://<host>/<app-id> met access_as_user (de bestaande scope-id blijft, anders weigert Graph).
SCOPE_ID="$(az rest --method GET --uri "$GRAPH/applications/$OBJECT_ID" --query "api.oauth2PermissionScopes[?value=='access_as_user'].id | [0]" -o tsv)"
[[ -n "$SCOPE_ID" ]] || SCOPE_ID="$(new_uuid)"
cat > "$TMP/api.json" <<EOF
{
  "signInAudience": "AzureADMyOrg",
  "identifierUris": ["api://$HOST/$APP_ID"],
  "api": {
    "requestedAccessTokenVersion": 2,
    "oauth2PermissionScopes": [
      {
        "id": "$SCOPE_ID",
        "value": "access_as_user",
        "type": "User",
        "isEnabled": true,
        "adminConsentDisplayName": "Escaleer gebruiken",
        "adminConsentDescription": "Teams mag de aangemelde gebruiker bij Escaleer aanmelden.",
        "userConsentDisplayName": "Escaleer gebruiken",
        "userConsentDescription": "Teams mag u bij Escaleer aanmelden."
      }
    ]
  }
}
EOF
az rest --method PATCH --uri "$GRAPH/applications/$OBJECT_ID" --headers "Content-Type=application/json" --body @"$TMP/api.json" -o none

# 3. De Teams-clients vooraf machtigen (kan pas als de scope bestaat).
cat > "$TMP/teams.json" <<EOF
{
  "api": {
    "preAuthorizedApplications": [
      { "appId": "$TEAMS_DESKTOP_MOBILE", "delegatedPermissionIds": ["$SCOPE_ID"] },
      { "appId": "$TEAMS_WEB", "delegatedPermissionIds": ["$SCOPE_ID"] }
    ]
  }
}
EOF
az rest --method PATCH --uri "$GRAPH/applications/$OBJECT_ID" --headers "Content-Type=application/json" --body @"$TMP/teams.json" -o none

# 4. Federatieve identiteitsreferentie: de app vertrouwt tokens van de beheerde identiteit van de web-app.
FIC_ID="$(az rest --method GET --uri "$GRAPH/applications/$OBJECT_ID/federatedIdentityCredentials" --query "value[?name=='$FIC_NAME'].id | [0]" -o tsv)"
cat > "$TMP/fic.json" <<EOF
{
  "name": "$FIC_NAME",
  "issuer": "https://login.microsoftonline.com/$TENANT/v2.0",
  "subject": "$MI_PRINCIPAL_ID",
  "audiences": ["$FIC_AUDIENCE"],
  "description": "De web-app van Escaleer meldt zich met zijn beheerde identiteit aan als deze app (geen geheim)."
}
EOF
if [[ -z "$FIC_ID" ]]; then
  az rest --method POST --uri "$GRAPH/applications/$OBJECT_ID/federatedIdentityCredentials" --headers "Content-Type=application/json" --body @"$TMP/fic.json" -o none
else
  az rest --method PATCH --uri "$GRAPH/applications/$OBJECT_ID/federatedIdentityCredentials/$FIC_ID" --headers "Content-Type=application/json" --body @"$TMP/fic.json" -o none
fi

cat <<EOF

Klaar. De app-registratie van Escaleer:
  app-id (client-id)        $APP_ID
  Application ID URI        api://$HOST/$APP_ID  (scope access_as_user)
  Teams vooraf gemachtigd   $TEAMS_DESKTOP_MOBILE, $TEAMS_WEB
  federatieve referentie    $FIC_NAME: beheerde identiteit $MI_CLIENT_ID (principal $MI_PRINCIPAL_ID)

Zet in infra/main.parameters.json en voer stap 4 opnieuw uit:
  "entraAppId": {"value": "$APP_ID"}

Het template zet dan deze app-instellingen (ter controle; niets met de hand invullen):
  MICROSOFT_APP_TYPE=SingleTenant
  MICROSOFT_APP_ID=$APP_ID
  MICROSOFT_APP_TENANT_ID=$TENANT
  MICROSOFT_APP_FEDERATED_CLIENT_ID=$MI_CLIENT_ID
  TAB_SSO_APP_ID=$APP_ID
ENTRA_APP_ID=$APP_ID
EOF
