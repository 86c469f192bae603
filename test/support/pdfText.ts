import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface PdfText {
  readonly pages: number;
  /** The text of all pages, as pdf.js extracts it. */
  readonly text: string;
  readonly title: string | null;
}

/**
 * Parses a PDF back with pdf-parse (pdf.js) in a plain Node child process (pdfTextChild.mjs): pdf.js
 * loads its worker with a dynamic import, which jest's module sandbox does not run.
 */
const child = <T>(pdf: Buffer, args: readonly string[]): Promise<T> =>
  new Promise((resolve, reject) => {
    const p = execFile(
      process.execPath,
      [join(__dirname, 'pdfTextChild.mjs'), ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`pdf-parse faalde: ${stderr || err.message}`));
        resolve(JSON.parse(stdout) as T);
      },
    );
    p.stdin?.end(pdf);
  });

export const pdfText = (pdf: Buffer): Promise<PdfText> => child<PdfText>(pdf, []);

/** Renders page 1 of a PDF as a PNG file (pdf.js on @napi-rs/canvas), for the README's picture. */
export const pdfFirstPagePng = async (pdf: Buffer, file: string): Promise<void> => {
  await child<{ written: string }>(pdf, ['png', file]);
};
