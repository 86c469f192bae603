// Reads a PDF on stdin and prints {pages, text, title} as JSON, with pdf-parse (pdf.js) in plain
// Node; with `png <file>` it writes page 1 as a PNG instead. A child process because pdf.js loads
// its worker with a dynamic import, which jest's module sandbox does not run without
// --experimental-vm-modules.
import { writeFile } from 'node:fs/promises';
import { PDFParse } from 'pdf-parse';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
try {
  if (process.argv[2] === 'png') {
    const shot = await parser.getScreenshot({ partial: [1], scale: 1.5, imageDataUrl: false });
    await writeFile(process.argv[3], shot.pages[0].data);
    process.stdout.write(JSON.stringify({ written: process.argv[3] }));
  } else {
    const [text, info] = [await parser.getText(), await parser.getInfo()];
    process.stdout.write(JSON.stringify({ pages: text.total, text: text.text, title: info.info?.Title ?? null }));
  }
} finally {
  await parser.destroy();
}
