// src-core/data/csv.ts
import { isUtf8 } from "node:buffer";
import { readFileSync, statSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

// src-core/errors.ts
var KnobsError = class extends Error {
  kind;
  issues;
  constructor(kind, message, issues = []) {
    super(message);
    this.kind = kind;
    this.issues = issues;
    this.name = new.target.name;
  }
};
var BadInputError = class extends KnobsError {
  constructor(message, issues = []) {
    super("bad-input", message, issues);
  }
};

// src-core/data/errors.ts
var DataError = class extends BadInputError {
  constructor(message, row, column) {
    super(message);
    this.row = row;
    this.column = column;
  }
  row;
  column;
};

// src-core/vocabulary.ts
var TRIAL_STATUSES = ["queued", "running", "complete", "early_stopped", "pruned", "diverged", "failed", "cancelled", "interrupted"];
var UNFINISHED_TRIAL_STATUSES = ["queued", "running", "interrupted", "cancelled"];
var FINISHED_TRIAL_STATUSES = TRIAL_STATUSES.filter((s) => !UNFINISHED_TRIAL_STATUSES.includes(s));
var MISSING_CELLS = ["", "na", "n/a", "#n/a", "<na>", "nan", "-nan", "null", "none", "?"];

// src-core/data/csv.ts
var CSV_LIMITS = { maxBytes: 200 * 1024 * 1024, maxCells: 5e6, maxCategories: 100, maxClasses: 1e3 };
var MISSING_LONGEST = Math.max(...MISSING_CELLS.map((m) => m.length));
var MISSING_SHOWN = "NA, N/A, #N/A, <NA>, NaN, null, None and ?";
function missingRule(notMissing = []) {
  const values = new Set(notMissing.map((m) => m.trim().toLowerCase()));
  const missing = new Set(MISSING_CELLS.filter((m) => m === "" || !values.has(m)));
  return (v) => v.length <= MISSING_LONGEST && missing.has(v.toLowerCase());
}
var DEFAULT_MISSING = missingRule();
var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
var FLOAT32_MAX = 34028234663852886e22;
function lineAt(bytes, at) {
  let line = 1;
  for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
  return line;
}
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0;
    let min = 0;
    if (c < 128) n = 0;
    else if (c >= 194 && c <= 223) n = 1;
    else if (c >= 224 && c <= 239) [n, min] = [2, 2048];
    else if (c >= 240 && c <= 244) [n, min] = [3, 65536];
    else return i;
    if (i + n >= b.length) return i;
    let cp = n === 0 ? c : c & 63 >> n;
    for (let k = 1; k <= n; k++) {
      const d2 = b[i + k];
      if ((d2 & 192) !== 128) return i;
      cp = cp << 6 | d2 & 63;
    }
    if (n > 1 && (cp < min || cp > 1114111 || cp >= 55296 && cp <= 57343)) return i;
    i += n + 1;
  }
  return -1;
}
function decode(input, maxBytes) {
  if (typeof input === "string") {
    const bytes = Buffer.byteLength(input, "utf8");
    if (bytes > maxBytes) throw new DataError(`The file is too large (${mb(bytes)}; the limit is ${mb(maxBytes)}).`);
    const nul2 = input.indexOf("\0");
    if (nul2 >= 0) {
      const row = input.slice(0, nul2).split("\n").length;
      throw new DataError(`The file holds binary data (a NUL byte on line ${row}), not CSV text; export the table as a UTF-8 CSV.`, row);
    }
    return input.replace(/^\uFEFF/, "");
  }
  if (input.length > maxBytes) throw new DataError(`The file is too large (${mb(input.length)}; the limit is ${mb(maxBytes)}).`);
  const nul = input.indexOf(0);
  if (nul >= 0) {
    const row = lineAt(input, nul);
    throw new DataError(`The file holds binary data (a NUL byte on line ${row}), not CSV text; export the table as a UTF-8 CSV.`, row);
  }
  const bad = isUtf8(input) ? -1 : firstInvalidUtf8(input);
  if (bad >= 0) {
    const row = lineAt(input, bad);
    throw new DataError(`The file is not valid UTF-8 text (byte 0x${input[bad].toString(16).padStart(2, "0")} on line ${row}); save it as a UTF-8 CSV.`, row);
  }
  return new TextDecoder("utf-8").decode(input).replace(/^\uFEFF/, "");
}
var quoted = (names) => names.map((h) => `"${h}"`).join(", ");
function mb(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${bytes} bytes`;
}
function sniffDelimiter(text) {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((l) => l.trim() !== "").slice(0, 21).map((l) => l.replace(/"(?:[^"]|"")*"/g, ""));
  const count = (line, d2) => line.split(d2).length - 1;
  const pick = (candidates) => {
    const [comma, semi, tab] = [",", ";", "	"].map((d2) => candidates.includes(d2) ? count(lines[0] ?? "", d2) : -1);
    if (tab > 0 && tab > comma && tab >= semi) return "	";
    if (semi > 0 && semi > comma) return ";";
    return comma >= 0 ? "," : candidates[0];
  };
  const consistent = [",", ";", "	"].filter((d2) => count(lines[0] ?? "", d2) > 0 && lines.every((l) => count(l, d2) === count(lines[0], d2)));
  return (lines.length > 1 && consistent.length ? pick(consistent) : void 0) ?? pick([",", ";", "	"]);
}
function parseTable(text, maxCells, delimiterOpt, numbers = "with-units", notMissing = []) {
  if (text.trim() === "") throw new DataError("The file is empty; a CSV needs a header row and at least one data row.");
  const delimiter = delimiterOpt ?? sniffDelimiter(text);
  const base = { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, info: true };
  const run = (to) => {
    let lastLine = 0;
    const onRecord = (record, ctx) => {
      lastLine = ctx.lines;
      return record;
    };
    try {
      return parse(text, { ...base, on_record: onRecord, ...to === void 0 ? {} : { to } });
    } catch (e) {
      const err = e;
      if (err.code === "CSV_QUOTE_NOT_CLOSED") {
        throw new DataError(`A quote opened on line ${lastLine + 1} is never closed; close it with " (and write a quote inside a quoted cell as "").`, lastLine + 1);
      }
      const at = /at line (\d+)/.exec(err.message);
      const line = at ? Number(at[1]) : err.lines;
      throw new DataError(`The CSV cannot be parsed${line ? ` at line ${line}` : ""}: ${err.message}`, line);
    }
  };
  const header = run(1)[0].record;
  const maxRows = Math.floor(maxCells / Math.max(1, header.length));
  const records = run(maxRows + 2);
  if (records.length < 2) throw new DataError("The file has a header row but no data rows.", 1);
  if (records.length - 1 > maxRows) {
    throw new DataError(
      `The file has more than ${maxRows} data rows \xD7 ${header.length} columns, more than the limit of ${maxCells} cells; use fewer rows or columns (or raise the limit).`
    );
  }
  header.forEach((h, i) => {
    if (h !== "") return;
    const named = `column ${i + 1}`;
    if (header.includes(named)) throw new DataError(`Column ${i + 1} has an empty header, and the name Knobs would give it ("${named}") is taken; give it a name in row 1.`, 1);
    header[i] = named;
  });
  const seen = /* @__PURE__ */ new Map();
  header.forEach((h, i) => {
    if (seen.has(h)) throw new DataError(`The column name "${h}" appears twice (columns ${seen.get(h) + 1} and ${i + 1}); names must be unique.`, 1, h);
    seen.set(h, i);
  });
  const rows = [];
  const rowNumbers = new Int32Array(records.length - 1);
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i];
    const row = info.records + info.empty_lines;
    if (record.length !== header.length) {
      const hint = header.length === 1 && record.length === 1 ? "" : ` (the delimiter is "${delimiter === "	" ? "\\t" : delimiter}")`;
      throw new DataError(
        `Row ${row} has ${record.length} value${record.length === 1 ? "" : "s"} but the header has ${header.length} columns; every row needs exactly ${header.length}${hint}.`,
        row
      );
    }
    rows.push(record);
    rowNumbers[i - 1] = row;
  }
  const isMissing = notMissing.length > 0 ? missingRule(notMissing) : DEFAULT_MISSING;
  const unitNumbers = numbers === "with-units" ? readUnitNumbers(header, rows, delimiter, isMissing) : [];
  return { header, rows, rowNumbers, delimiter, decimalComma: readDecimalCommas(header, rows, delimiter, isMissing), unitNumbers, isMissing };
}
var UNIT_NUMBER = /^([+-]?)\s*([$€£¥])?\s*([+-]?[\d.,]*\d[\d.,]*)\s*([$€£¥%])?$/;
var THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
function readUnitNumbers(header, rows, delimiter, isMissing) {
  const out = [];
  header.forEach((column, c) => {
    let sign = null;
    let first = null;
    const read = new Array(rows.length).fill(null);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][c];
      if (isMissing(v) || NUMBER.test(v)) continue;
      const m = UNIT_NUMBER.exec(v.trim());
      if (!m) return;
      const [, before, currency, digits, after] = m;
      if (currency && after || before && /^[+-]/.test(digits)) return;
      const s = currency ?? after ?? "";
      if (s && sign !== null && sign !== "" && s !== sign) return;
      if (s) sign = s;
      let number = digits;
      const thousands = delimiter === "," && number.includes(",");
      if (thousands) {
        if (!THOUSANDS.test(number)) return;
        number = number.replace(/,/g, "");
      }
      const plain = `${before === "-" ? "-" : ""}${number}`;
      if (!NUMBER.test(plain) && !(delimiter !== "," && DECIMAL_COMMA.test(plain))) return;
      if (!s && !thousands) continue;
      sign ??= "";
      read[i] = plain;
      first ??= { written: v, read: plain };
    }
    if (!first) return;
    read.forEach((v, i) => {
      if (v !== null) rows[i][c] = v;
    });
    out.push({ column, sign: sign ?? "", ...first });
  });
  return out;
}
var DECIMAL_COMMA = /^[+-]?(\d+,\d*|,\d+|\d+)([eE][+-]?\d+)?$/;
function readDecimalCommas(header, rows, delimiter, isMissing) {
  if (delimiter === ",") return [];
  const columns = [];
  header.forEach((h, c) => {
    let comma = false;
    for (const r2 of rows) {
      const v = r2[c];
      if (isMissing(v)) continue;
      if (!DECIMAL_COMMA.test(v)) return;
      if (v.includes(",")) comma = true;
    }
    if (!comma) return;
    for (const r2 of rows) if (!isMissing(r2[c])) r2[c] = r2[c].replace(",", ".");
    columns.push(h);
  });
  return columns;
}
function kindOf(rows, c, isMissing) {
  return rows.every((r2) => isMissing(r2[c]) || NUMBER.test(r2[c])) ? "numeric" : "categorical";
}
function detectTask(values, kind, isMissing) {
  if (kind === "categorical") return "classification";
  const present = values.filter((v) => !isMissing(v));
  const distinct = new Set(present.map(Number));
  const integers = present.every((v) => Number.isInteger(Number(v)));
  return integers && distinct.size <= Math.max(2, Math.min(20, Math.floor(values.length / 5))) ? "classification" : "regression";
}
var MISSING_PATTERNS = 2e3;
function missingPatternsOf(rows, missing, isMissing) {
  const gaps = missing.map((n, c) => n > 0 ? c : -1).filter((c) => c >= 0);
  const byKey = /* @__PURE__ */ new Map();
  if (gaps.length === 0) return [];
  for (const r2 of rows) {
    let key = "";
    for (const c of gaps) if (isMissing(r2[c])) key += `${c},`;
    if (key === "") continue;
    const p = byKey.get(key);
    if (p) p.rows++;
    else {
      if (byKey.size === MISSING_PATTERNS) return null;
      byKey.set(key, { columns: key.slice(0, -1).split(",").map(Number), rows: 1 });
    }
  }
  return [...byKey.values()];
}
var isRead = (input) => typeof input === "object" && "table" in input;
function readCsv(input, options = {}) {
  const table = parseTable(decode(input, options.maxBytes ?? CSV_LIMITS.maxBytes), options.maxCells ?? CSV_LIMITS.maxCells, options.delimiter, options.numbers, options.notMissing);
  const { header, rows, rowNumbers, isMissing } = table;
  const distinct = header.map((_, c) => {
    const s = /* @__PURE__ */ new Set();
    for (const r2 of rows) if (s.size < 1e3) s.add(r2[c]);
    return s.size;
  });
  const words = /* @__PURE__ */ new Map();
  const asDefault = isMissing === DEFAULT_MISSING;
  const missing = header.map((_, c) => {
    let n = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i][c];
      const gap = isMissing(v);
      if (gap) n++;
      if (v === "" || !(gap || !asDefault && DEFAULT_MISSING(v))) continue;
      const key = v.toLowerCase();
      const at = i * header.length + c;
      const w = words.get(key);
      if (!w) words.set(key, { written: v, at, cells: 1, columns: /* @__PURE__ */ new Set([c]) });
      else {
        w.cells++;
        w.columns.add(c);
        if (at < w.at) Object.assign(w, { written: v, at });
      }
    }
    return n;
  });
  const firstMissing = header.map((_, c) => {
    const i = missing[c] > 0 ? rows.findIndex((r2) => isMissing(r2[c])) : -1;
    return i < 0 ? null : rowNumbers[i];
  });
  const missingWords = MISSING_CELLS.filter((m) => words.has(m)).map((m) => {
    const w = words.get(m);
    return { spelling: m, written: w.written, cells: w.cells, columns: [...w.columns].sort((a, b) => a - b).map((c) => header[c]), value: !isMissing(w.written) };
  });
  return { table, kinds: header.map((_, c) => kindOf(rows, c, isMissing)), distinct, missing, firstMissing, missingPatterns: missingPatternsOf(rows, missing, isMissing), missingWords };
}
var ID_WORD = /(^|[\s_.-])(id|uuid|guid|key)$|^(index|idx|row|rowid|row_?number|unnamed: ?\d+)$/i;
var ID_CAMEL = /[a-z](Id|ID)$/;
var isIdName = (h) => ID_WORD.test(h) || ID_CAMEL.test(h);
function leaveOutReasons(header, rows, kinds, missing, target, maxCategories, isMissing) {
  return header.map((h, c) => {
    if (h === target || rows.length < 3) return null;
    if (missing[c] > rows.length / 2) return "mostly-missing";
    const idName = isIdName(h);
    const numeric = kinds[c] === "numeric";
    if (numeric && !idName) {
      if (missing[c] > 0) return null;
      let min = Infinity;
      let max = -Infinity;
      for (const r2 of rows) {
        const v = Number(r2[c]);
        if (!Number.isInteger(v)) return null;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min !== rows.length - 1) return null;
    }
    const seen = /* @__PURE__ */ new Set();
    let unique = missing[c] === 0;
    for (const r2 of rows) {
      const v = r2[c];
      if (seen.has(v)) {
        unique = false;
        if (numeric || seen.size > maxCategories) break;
      } else if (missing[c] === 0 || !isMissing(v)) seen.add(v);
    }
    if (unique && (numeric || idName || rows.length >= 20)) return "identifier";
    return !numeric && seen.size > maxCategories ? "categories" : null;
  });
}
function idLike(header, rows, kinds, t, maxCategories, isMissing) {
  const reasons = leaveOutReasons(header, rows, kinds, header.map(() => 0), header[t], maxCategories, isMissing);
  const ids = header.filter((_, c) => reasons[c] === "identifier");
  return ids.length > 0 ? { idLikeColumns: ids } : {};
}
function select(table, target, exclude, missing) {
  const { header } = table;
  for (const e of exclude) {
    if (e === target) throw new DataError(`The target column "${target}" cannot be left out; leave out other columns, or choose another target.`, 1, e);
    if (!header.includes(e)) throw new DataError(`There is no column "${e}" to leave out; the columns are: ${quoted(header)}.`, 1, e);
  }
  if (exclude.length === 0 && missing === "refuse") return { header, rows: table.rows, rowNumbers: table.rowNumbers, dropped: 0 };
  const keep = header.map((_, c) => c).filter((c) => !exclude.includes(header[c]));
  if (keep.length < 2) throw new DataError(`Leaving out ${quoted(exclude)} leaves only the target column "${target}"; keep at least one feature column.`, 1);
  const rows = [];
  const rowNumbers = [];
  table.rows.forEach((r2, i) => {
    const row = keep.map((c) => r2[c]);
    if (missing === "drop" && row.some(table.isMissing)) return;
    rows.push(row);
    rowNumbers.push(table.rowNumbers[i]);
  });
  if (rows.length === 0) {
    throw new DataError(`Every one of the ${table.rows.length} rows has a missing value in a column that is used, so dropping them leaves nothing; leave out the columns with missing values instead.`);
  }
  return { header: keep.map((c) => header[c]), rows, rowNumbers: Int32Array.from(rowNumbers), dropped: table.rows.length - rows.length };
}
function importCsv(input, options) {
  return importSelection(input, options).dataset;
}
function importSelection(input, options) {
  const o = {
    ...options,
    maxBytes: options.maxBytes ?? CSV_LIMITS.maxBytes,
    maxCells: options.maxCells ?? CSV_LIMITS.maxCells,
    maxCategories: options.maxCategories ?? CSV_LIMITS.maxCategories,
    maxClasses: CSV_LIMITS.maxClasses
  };
  const table = isRead(input) ? input.table : parseTable(decode(input, o.maxBytes), o.maxCells, o.delimiter, o.numbers, o.notMissing);
  if (!table.header.includes(o.target)) {
    const { header: header2, delimiter } = table;
    const hint = header2.length === 1 && delimiter === "," && /[;\t]/.test(header2[0]) ? " (is the file separated by semicolons or tabs? set the delimiter)" : "";
    throw new DataError(`There is no column "${o.target}" to use as the target; the columns are: ${quoted(header2)}${hint}.`, 1, o.target);
  }
  if (table.header.length < 2) throw new DataError(`The file has only the target column "${o.target}"; at least one feature column is needed.`, 1);
  const { header, rows, rowNumbers, dropped } = select(table, o.target, o.exclude ?? [], o.missing ?? "refuse");
  const t = header.indexOf(o.target);
  const { isMissing } = table;
  rows.forEach(
    (r2, i) => r2.forEach((v, c) => {
      if (isMissing(v)) {
        const word = v.trim() === "" ? "" : ` If "${v}" is a value here, not a gap, read it as one: "notMissing": ["${v}"].`;
        throw new DataError(
          `Row ${rowNumbers[i]}, column "${header[c]}": the value is missing ("${v}"); fill it in, drop the rows with missing values ("missing": "drop") or leave the column out ("exclude"). Knobs does not impute; it reads empty cells, ${MISSING_SHOWN} as missing.${word}`,
          rowNumbers[i],
          header[c]
        );
      }
    })
  );
  const kinds = header.map((_, c) => kindOf(rows, c, isMissing));
  const targetValues = rows.map((r2) => r2[t]);
  const task = o.task ?? detectTask(targetValues, kinds[t], isMissing);
  const checkRange = (c) => {
    const bad = rows.findIndex((r2) => Math.abs(Number(r2[c])) > FLOAT32_MAX);
    if (bad >= 0) {
      throw new DataError(
        `Row ${rowNumbers[bad]}, column "${header[c]}": ${rows[bad][c]} is beyond the 32-bit float range; use values between -3.4e38 and 3.4e38.`,
        rowNumbers[bad],
        header[c]
      );
    }
  };
  const featureCols = header.map((_, c) => c).filter((c) => c !== t);
  const featureNames = [];
  const encoders = [];
  for (const c of featureCols) {
    if (kinds[c] === "numeric") {
      checkRange(c);
      featureNames.push(header[c]);
      encoders.push((row, out, at) => {
        out[at] = Number(row[c]);
        return 1;
      });
      continue;
    }
    const numericCount = rows.reduce((n, r2) => n + (NUMBER.test(r2[c]) ? 1 : 0), 0);
    if (numericCount >= rows.length / 2) {
      const bad = rows.findIndex((r2) => !NUMBER.test(r2[c]));
      throw new DataError(
        `Row ${rowNumbers[bad]}, column "${header[c]}": "${rows[bad][c]}" is not a number, but the column is numeric (${numericCount} of ${rows.length} values are numbers); use a plain number such as 3.5 or -2e-3.`,
        rowNumbers[bad],
        header[c]
      );
    }
    const seen = /* @__PURE__ */ new Set();
    rows.forEach((r2, i) => {
      seen.add(r2[c]);
      if (seen.size > o.maxCategories) {
        throw new DataError(
          `Row ${rowNumbers[i]}, column "${header[c]}": "${r2[c]}" is the text column's ${o.maxCategories + 1}th distinct value, more than the ${o.maxCategories} categories one-hot encoding allows; leave the column out ("exclude") or group its values.`,
          rowNumbers[i],
          header[c]
        );
      }
    });
    const categories = [...seen].sort();
    const index = new Map(categories.map((v, i) => [v, i]));
    for (const v of categories) featureNames.push(`${header[c]}=${v}`);
    encoders.push((row, out, at) => {
      out.fill(0, at, at + categories.length);
      out[at + index.get(row[c])] = 1;
      return categories.length;
    });
  }
  const nFeatures = featureNames.length;
  const x = new Float32Array(rows.length * nFeatures);
  rows.forEach((r2, i) => {
    let at = i * nFeatures;
    for (const enc of encoders) at += enc(r2, x, at);
  });
  let y;
  let classNames;
  if (task === "classification") {
    const allNumeric = targetValues.every((v) => NUMBER.test(v));
    const key = allNumeric ? (v) => String(Number(v)) : (v) => v;
    const label = /* @__PURE__ */ new Map();
    for (const v of targetValues) if (!label.has(key(v))) label.set(key(v), v);
    const keys = [...label.keys()];
    if (allNumeric) keys.sort((a, b) => Number(a) - Number(b));
    else keys.sort();
    classNames = keys.map((k) => label.get(k));
    if (classNames.length < 2) {
      throw new DataError(`The target column "${o.target}" has a single class ("${classNames[0]}") in all ${rows.length} rows; a classifier needs at least two.`, void 0, o.target);
    }
    if (classNames.length > o.maxClasses) {
      throw new DataError(
        `The target column "${o.target}" has ${classNames.length} classes; at most ${o.maxClasses} are supported (is it a regression target? set task to "regression").`,
        void 0,
        o.target
      );
    }
    const map = new Map(keys.map((k, i) => [k, i]));
    y = Int32Array.from(targetValues, (v) => map.get(key(v)));
  } else {
    const bad = targetValues.findIndex((v) => !NUMBER.test(v));
    if (bad >= 0) {
      throw new DataError(
        `Row ${rowNumbers[bad]}, column "${o.target}": "${targetValues[bad]}" is not a number, but a regression target must be numeric (or set task to "classification").`,
        rowNumbers[bad],
        o.target
      );
    }
    checkRange(t);
    y = Float32Array.from(targetValues, Number);
  }
  const dataset = {
    name: o.name ?? "csv",
    task,
    nRows: rows.length,
    nFeatures,
    x,
    y,
    featureNames,
    targetName: o.target,
    classNames,
    ...dropped > 0 ? { droppedRows: dropped } : {},
    ...idLike(header, rows, kinds, t, o.maxCategories, isMissing)
  };
  return { dataset, header, rows };
}
function fromCsvFile(path, maxBytes, use) {
  const limit = maxBytes ?? CSV_LIMITS.maxBytes;
  let size;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new DataError(`Cannot read the CSV file "${path}": ${e.code === "ENOENT" ? "no such file" : e.message}.`);
  }
  if (size > limit) throw new DataError(`The file "${path}" is too large (${mb(size)}; the limit is ${mb(limit)}).`);
  try {
    return use(readFileSync(path));
  } catch (e) {
    if (e instanceof DataError) throw new DataError(`${path}: ${e.message}`, e.row, e.column);
    throw e;
  }
}
function readCsvFile(path, options = {}) {
  return fromCsvFile(path, options.maxBytes, (bytes) => readCsv(bytes, options));
}

// pv.tmp.ts
var t0 = performance.now();
var r = readCsvFile(process.argv[2], { maxCells: 1e8 });
var t1 = performance.now();
console.log("read", ((t1 - t0) / 1e3).toFixed(2), "s rss", (process.memoryUsage().rss / 1e6).toFixed(0), "MB");
var d = importCsv(r, { target: process.argv[3], name: "x", maxCells: 1e8 });
console.log("import", ((performance.now() - t1) / 1e3).toFixed(2), "s rss", (process.memoryUsage().rss / 1e6).toFixed(0), "MB", d.x.length, d.nFeatures ?? "");
