// duckdb.mjs — run one SQL query with DuckDB (npm @duckdb/node-api) and time it.
//
// usage: node bench/duckdb.mjs [--threads N] [--quiet] [--setup "SQL"] "SELECT ..."
// --setup runs first and is not timed (e.g. loading a table, to time a query on it).
//
// Prints the result rows (tab-separated, header first) to stdout, then
// "elapsed_ms <ms>" (query only: create + connect + run + read all rows; not
// node start-up nor module loading) and "total_ms <ms>" (since the script
// started) to stderr. Exit status 1 on a query error.
import { DuckDBInstance } from '@duckdb/node-api';

const t0 = performance.now();
const args = process.argv.slice(2);
let threads = null;
let quiet = false;
let setup = null;
while (args.length > 1) {
  if (args[0] === '--threads') { threads = args[1]; args.splice(0, 2); }
  else if (args[0] === '--quiet') { quiet = true; args.shift(); }
  else if (args[0] === '--setup') { setup = args[1]; args.splice(0, 2); }
  else break;
}
if (args.length !== 1) {
  process.stderr.write('usage: node duckdb.mjs [--threads N] [--quiet] [--setup "SQL"] "SQL"\n');
  process.exit(2);
}
const sql = args[0];

try {
  let q0 = performance.now();
  const opts = threads ? { threads: String(threads) } : undefined;
  const instance = await DuckDBInstance.create(':memory:', opts);
  const conn = await instance.connect();
  if (setup) {
    const s0 = performance.now();
    await conn.run(setup);
    process.stderr.write(`setup_ms ${(performance.now() - s0).toFixed(1)}\n`);
    q0 = performance.now();
  }
  const reader = await conn.runAndReadAll(sql);
  const rows = reader.getRowsJson();
  const q1 = performance.now();
  if (!quiet) {
    const out = [reader.columnNames().join('\t')];
    for (const r of rows) out.push(r.map((v) => (v === null ? 'NULL' : String(v))).join('\t'));
    process.stdout.write(out.join('\n') + '\n');
  }
  process.stderr.write(`rows ${rows.length}\n`);
  process.stderr.write(`elapsed_ms ${(q1 - q0).toFixed(1)}\n`);
  process.stderr.write(`total_ms ${(performance.now() - t0).toFixed(1)}\n`);
  conn.closeSync();
  instance.closeSync();
} catch (e) {
  process.stderr.write(`duckdb error: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
}
