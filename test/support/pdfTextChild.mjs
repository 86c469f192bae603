// Reads a PDF on stdin and prints {pages, text} as JSON, with pdf-parse (pdf.js) in plain Node.
// A child process because pdf.js loads its worker with a dynamic import, which jest's module
// sandbox does not run without --experimental-vm-modules.
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  const [text, info] = [await parser.getText(), await parser.getInfo()];
  process.stdout.write(JSON.stringify({ pages: text.total, text: text.text, title: info.info?.Title ?? null }));
} finally {
  await parser.destroy();
}
