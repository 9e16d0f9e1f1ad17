// Compares dclint's findings with reachlint's on the same compose files.
// Usage: node side-by-side-dclint.mjs DCLINT_PREFIX REACHLINT DIR...
// (scripts/side-by-side-dclint.sh installs dclint and builds reachlint).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [prefix, reachlint, ...dirs] = process.argv.slice(2);
const dclint = path.join(prefix, 'node_modules', '.bin', 'dclint');

// dclint rule -> the reachlint rules that report the same mistake. null:
// deliberately not reported (the reason is in `differences`).
const mapping = {
  'no-duplicate-container-names': ['duplicate-container-name'],
  'service-container-name-regex': ['invalid-container-name', 'compose-schema'],
  'no-version-field': ['obsolete-version'],
  'no-unbound-port-interfaces': ['unbound-port-interface'],
  'service-image-require-explicit-tag': ['image-explicit-tag'],
  'no-duplicate-exported-ports': ['duplicate-host-port'],
  'no-build-and-image': null,
  'require-project-name-field': ['require-project-name'],
  'require-quotes-in-ports': ['ports-quotes'],
  'no-quotes-in-volumes': ['volumes-no-quotes'],
  'service-keys-order': ['service-keys-order'],
  'services-alphabetical-order': ['services-alphabetical-order'],
  'service-dependencies-alphabetical-order': ['depends-on-alphabetical-order'],
  'service-ports-alphabetical-order': ['ports-alphabetical-order'],
  'top-level-properties-order': ['top-level-order'],
};

// Findings reachlint does not share on purpose, and why. Each gets the
// finding and the lines of its file; it returns a reason or undefined.
const differences = {
  'no-build-and-image': () =>
    'Compose builds the image and tags it with image: (documented, and how images are pushed); not a mistake',
  'service-image-require-explicit-tag': (f, lines) => {
    if (/"\$\{/.test(f.message)) return 'the image is a variable: reachlint checks the value it resolves to (.env), dclint only sees ${...}';
    const svc = f.data?.serviceName;
    if (svc && serviceHas(lines, svc, 'build')) {
      return 'the service also has build:, so image: names what is built, not what is pulled';
    }
  },
  'service-keys-order': (f, lines) => {
    const svc = f.data?.serviceName ?? /service "([^"]+)"/.exec(f.message)?.[1];
    if (svc && serviceHas(lines, svc, '<<')) {
      return 'the service has a merge key (<<: *anchor): dclint counts << as a key that goes last, reachlint does not (the merged keys come from the anchor, and << first is the idiom)';
    }
  },
  'require-project-name-field': (f) => {
    const base = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
    const dir = path.dirname(f.file);
    if (!base.includes(path.basename(f.file)) && base.some((b) => files.includes(path.join(dir, b)))) {
      return 'a layer over the base file next to it (-f base -f layer): the project name belongs in the base file, which reachlint checks';
    }
  },
  'service-ports-alphabetical-order': (f, lines) => {
    const start = f.line, end = blockEnd(lines, start);
    if (lines.slice(start - 1, end).some((l) => l.includes('${'))) {
      return 'ports written with variables: reachlint orders them by the port Compose uses, dclint by the text';
    }
  },
  'no-duplicate-exported-ports': (f) => {
    if (/exporting port "\d+(-\d+)?(\/\w+)?"/.test(f.message)) {
      return 'a container port without a host port is published on a random free host port: two of them never collide';
    }
  },
  'require-quotes-in-ports': (f, lines) => {
    const l = lines[f.line - 1] ?? '';
    if (/"/.test(l)) return "double quotes: dclint wants single quotes by default, reachlint accepts either";
    if (/^\s*-?\s*(target|published|host_ip|protocol|mode|name|app_protocol):/.test(l)) return 'a long-syntax field, not a port string';
  },
};

// serviceLine returns the 0-based line of a service's key, or -1.
function serviceLine(lines, svc) {
  return lines.findIndex((l) => new RegExp(`^\\s+${svc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\s*(#.*)?$`).test(l));
}

function serviceHas(lines, svc, key) {
  const i = serviceLine(lines, svc);
  if (i < 0) return false;
  const ind = lines[i].search(/\S/);
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j];
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const d = l.search(/\S/);
    if (d <= ind) break;
    if (new RegExp(`^\\s+${key}:`).test(l)) return true;
  }
  return false;
}

// blockEnd: the last line of the YAML node whose key is on line n (1-based):
// dclint reports at a key's line, reachlint at the item.
function blockEnd(lines, n) {
  const ind = (lines[n - 1] ?? '').search(/\S/);
  let end = n;
  for (let j = n; j < lines.length; j++) {
    const l = lines[j];
    if (!l.trim() || l.trim().startsWith('#')) continue;
    const d = l.search(/\S/);
    if (d <= ind && !(d === ind && l.trim().startsWith('- '))) break;
    end = j + 1;
  }
  return end;
}

function composeFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') composeFiles(p, out);
    else if (e.isFile() && /^(docker-)?compose([.-][^/]*)?\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

function run(cmd, args, cwd) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    return e.stdout; // both exit non-zero on findings
  }
}

const files = dirs.flatMap((d) => (statSync(d).isDirectory() ? composeFiles(path.resolve(d)) : [path.resolve(d)]));
const dc = [];
const dclintFailed = [];
const parse = (out) => {
  try {
    return JSON.parse(out || '[]');
  } catch {
    return undefined;
  }
};
const dclintOn = (batch) => {
  const res = parse(run(dclint, ['-f', 'json', ...batch], '/'));
  if (res === undefined && batch.length > 1) {
    // dclint stops on some files (YAML it cannot read): one by one.
    batch.forEach((f) => dclintOn([f]));
    return;
  }
  if (res === undefined) {
    dclintFailed.push(batch[0]);
    return;
  }
  for (const f of res) {
    for (const m of f.messages) dc.push({ ...m, file: path.resolve('/', f.filePath) });
  }
};
for (let i = 0; i < files.length; i += 50) dclintOn(files.slice(i, i + 50));
const rl = [];
// reachlint finds the projects itself (base and override files together).
for (const d of dirs) {
  const abs = path.resolve(d);
  const target = statSync(abs).isDirectory() ? path.join(abs, '...') : abs;
  const res = parse(run(reachlint, ['--no-env', '--no-config', '--enable', 'all', '--format', 'json', target], '/'));
  if (res === undefined) {
    console.error(`reachlint printed no report for ${target}`);
    process.exit(2);
  }
  for (const f of res) rl.push({ ...f, file: path.resolve('/', f.file), used: false });
}
const known = new Set();
for (const l of run(reachlint, ['rules'], '/').split('\n')) {
  const m = /^([a-z0-9-]+)\s/.exec(l);
  if (m) known.add(m[1]);
}

const lines = new Map();
const linesOf = (f) => {
  if (!lines.has(f)) lines.set(f, readFileSync(f, 'utf8').split('\n'));
  return lines.get(f);
};

const rows = {};
let unexplained = 0;
for (const f of dc) {
  const row = (rows[f.rule] ??= { total: 0, found: 0, differs: 0, missing: [], reasons: new Set(), noRule: false });
  row.total++;
  const targets = mapping[f.rule];
  const ls = linesOf(f.file);
  const reason = differences[f.rule]?.(f, ls);
  if (targets === undefined) {
    row.missing.push(f);
    row.noRule = true;
    continue;
  }
  const live = (targets ?? []).filter((r) => known.has(r));
  if (targets && live.length === 0) {
    row.noRule = true; // the style rule is not written yet
    row.missing.push(f);
    continue;
  }
  const end = blockEnd(ls, f.line);
  const within = (from, to) => rl.find((d) => !d.used && d.file === f.file && live.includes(d.rule) && d.line >= from && d.line <= to);
  let hit = within(f.line, end);
  // dclint finds its line by searching the text, and sometimes lands on
  // another key of the service: the same service is the same finding.
  const svc = f.data?.serviceName ? serviceLine(ls, f.data.serviceName) : -1;
  if (!hit && svc >= 0) hit = within(svc + 1, blockEnd(ls, svc + 1));
  // The same subject: every "quoted" word of dclint's message in
  // reachlint's (Property "networks" / top-level key "networks"), or the
  // same line text (a value written twice, found twice at its first place).
  const quoted = [...f.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const same = (pred) => rl.find((d) => !d.used && d.file === f.file && live.includes(d.rule) && pred(d));
  if (!hit && quoted.length) hit = same((d) => quoted.every((q) => d.message.includes(q)));
  if (!hit) hit = same((d) => (ls[d.line - 1] ?? '').trim() === (ls[f.line - 1] ?? '').trim());
  if (hit) {
    hit.used = true;
    row.found++;
  } else if (reason || targets === null) {
    row.differs++;
    row.reasons.add(reason ?? differences[f.rule]?.(f, ls) ?? 'deliberately not reported');
  } else {
    row.missing.push(f);
    if (!row.noRule) unexplained++;
  }
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`${files.length} compose files; dclint: ${dc.length} findings; reachlint: ${rl.length} findings` +
  (dclintFailed.length ? `; dclint printed no report for ${dclintFailed.length} files` : '') + '\n');
console.log(`${pad('dclint rule', 42)}${pad('reachlint rule', 48)}${pad('dclint', 8)}${pad('found', 8)}${pad('differs', 9)}missing`);
for (const [rule, r] of Object.entries(rows).sort()) {
  const to = mapping[rule] === undefined ? '(unknown rule)' : mapping[rule] === null ? '(none, on purpose)' : mapping[rule].filter((x) => known.has(x)).join(', ') || `(${mapping[rule][0]}: not written yet)`;
  console.log(`${pad(rule, 42)}${pad(to, 48)}${pad(r.total, 8)}${pad(r.found, 8)}${pad(r.differs, 9)}${r.missing.length}`);
}
for (const [rule, r] of Object.entries(rows).sort()) {
  for (const why of r.reasons) console.log(`\n${rule}: differs on purpose: ${why}`);
  if (r.missing.length && !r.noRule) {
    console.log(`\n${rule}: not found by reachlint:`);
    for (const f of r.missing.slice(0, 20)) console.log(`  ${f.file}:${f.line}: ${f.message}`);
  }
}
process.exit(unexplained > 0 ? 1 : 0);
