// Parses Mermaid files with the mermaid package's own parser (under jsdom:
// mermaid expects a browser) and fails on the first that does not parse.
// Usage: node mermaid-parse.mjs FILE... (NODE_PATH-free: run it from a
// directory whose node_modules holds mermaid and jsdom, see .ci/run).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(pathToFileURL(process.cwd() + '/'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ['Element', 'HTMLElement', 'SVGElement', 'Node', 'DOMParser', 'navigator']) {
  if (!(k in globalThis)) globalThis[k] = dom.window[k];
}
const mermaid = (await import(pathToFileURL(require.resolve('mermaid')).href)).default;
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8');
  try {
    const r = await mermaid.parse(text);
    if (!r || r.diagramType !== 'flowchart-v2') throw new Error('not a flowchart: ' + JSON.stringify(r));
    console.log(f + ': parses (' + r.diagramType + ')');
  } catch (e) {
    failed++;
    console.error(f + ': ' + (e && e.message ? e.message : e));
  }
}
process.exit(failed ? 1 : 0);
