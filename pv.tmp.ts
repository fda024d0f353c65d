import { readCsvFile, importCsv } from './src-core/data/csv';
const t0 = performance.now();
const r = readCsvFile(process.argv[2], { maxCells: 100_000_000 });
const t1 = performance.now();
console.log('read', ((t1 - t0) / 1000).toFixed(2), 's rss', (process.memoryUsage().rss / 1e6).toFixed(0), 'MB');
const d = importCsv(r, { target: process.argv[3], name: 'x', maxCells: 100_000_000 });
console.log('import', ((performance.now() - t1) / 1000).toFixed(2), 's rss', (process.memoryUsage().rss / 1e6).toFixed(0), 'MB', d.x.length, d.nFeatures ?? '');
