/** Types for scripts/manifest-lib.png.cjs. */
export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlace: number;
}
export declare function pngInfo(buf: Buffer): PngInfo;
export declare function decodePng(buf: Buffer): { width: number; height: number; rgba: Buffer };
