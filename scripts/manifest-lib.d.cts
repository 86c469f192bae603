/** Types for scripts/manifest-lib.cjs (used by the jest tests). */

export interface ManifestSettings {
  readonly teamsAppId: string;
  readonly botAppId: string;
  readonly ssoAppId: string;
  /** Host for URLs, may carry a port (localhost:3978). */
  readonly host: string;
  /** Host without port, for validDomains and the SSO resource. */
  readonly domain: string;
  readonly version: string;
  /** Publisher in Teams' app details (DEVELOPER_* or the bot's own pages). */
  readonly developer: { readonly name: string; readonly websiteUrl: string; readonly privacyUrl: string; readonly termsUrl: string };
  /** Environment variables that were missing and got a demo value. */
  readonly usedDefaults: readonly string[];
}

/** A Teams manifest as plain JSON; the schema check is done by @microsoft/app-manifest. */
export type Manifest = Record<string, unknown>;
export type IconFiles = Readonly<Record<string, Buffer>>;

export declare const DEMO: { readonly appId: string; readonly host: string };
export declare const ALLOWED_RSC_PERMISSIONS: readonly string[];
export declare const PACKAGE_FILES: readonly string[];
export declare const MAX_COMMANDS_PER_SCOPE: number;

export declare function normalizeHost(input: string): { host: string; domain: string };
export declare function resolveSettings(
  env: Readonly<Record<string, string | undefined>>,
  options?: { packageVersion?: string; requireEnv?: boolean },
): ManifestSettings;
export declare function fillTemplate(template: Manifest, settings: ManifestSettings): Manifest;
/** Schema errors (empty when valid), validated offline. */
export declare function validateSchema(manifest: Manifest): Promise<string[]>;
/** Our own checks; empty when the manifest passes. */
export declare function checkManifest(manifest: Manifest, icons: IconFiles): string[];
export declare function checkPackageEntries(names: readonly string[]): string[];
export declare function buildPackage(manifest: Manifest, icons: IconFiles): Buffer;
