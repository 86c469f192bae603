/** The link logic of scripts/release.mjs (an ES module jest does not load), kept identical by a test. */
export const deployToAzureUrl = (base: string): string => {
  const folder = base.endsWith('/') ? base : `${base}/`;
  return `https://portal.azure.com/#create/Microsoft.Template/uri/${encodeURIComponent(`${folder}main.json`)}/createUIDefinitionUri/${encodeURIComponent(`${folder}createUiDefinition.json`)}`;
};
