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
export const pdfText = (pdf: Buffer): Promise<PdfText> =>
  new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdfTextChild.mjs')], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`pdf-parse faalde: ${stderr || err.message}`));
      resolve(JSON.parse(stdout) as PdfText);
    });
    child.stdin?.end(pdf);
  });
