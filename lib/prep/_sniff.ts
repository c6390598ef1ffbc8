/**
 * Looks at the start of a CSV file before polars reads it: empty file, header-only file, UTF-8
 * byte order mark, delimiter, and the header names.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";

/** The delimiters {@link sniffCsv} can detect. */
export type Delimiter = "," | ";" | "\t" | "|";

const CANDIDATES: readonly Delimiter[] = [",", ";", "\t", "|"];

/** What the start of a CSV file says about its format. */
export interface CsvFormat {
  /** The file starts with a UTF-8 byte order mark. */
  readonly bom: boolean;
  /** The delimiter. */
  readonly delimiter: Delimiter;
  /** How the delimiter was chosen. */
  readonly delimiterReason: string;
  /** Header names exactly as written (BOM removed). */
  readonly header: readonly string[];
}

const SNIFF_BYTES = 65_536;

/** Reads the start of `path` and returns its format; throws for empty and header-only files. */
export function sniffCsv(path: string, delimiter: Delimiter | undefined): CsvFormat {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch (error) {
    throw new MmmDataError(`Cannot load data: file "${path}" cannot be opened`, {
      file: path,
      hint: error instanceof Error ? error.message : String(error),
    });
  }
  const buffer = new Uint8Array(SNIFF_BYTES);
  let length = 0;
  try {
    for (;;) {
      const n = file.readSync(buffer.subarray(length));
      if (n === null || n === 0) break;
      length += n;
      if (length === SNIFF_BYTES) break;
    }
  } finally {
    file.close();
  }
  const bom = length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(
    buffer.subarray(bom ? 3 : 0, length),
  );
  const lines = text.split(/\r?\n/);
  const headerLine = lines[0] ?? "";
  if (headerLine.trim() === "" && lines.every((l) => l.trim() === "")) {
    throw new MmmDataError(`Cannot load data: file "${path}" is empty`, {
      file: path,
      hint: "export the data again; the file has no header and no rows",
    });
  }
  if (lines.slice(1).every((l) => l.trim() === "")) {
    throw new MmmDataError(`Cannot load data: file "${path}" has a header but no data rows`, {
      file: path,
      rows: [],
      hint: "export the data again with its rows",
    });
  }
  let chosen: Delimiter;
  let reason: string;
  if (delimiter !== undefined) {
    if (!CANDIDATES.includes(delimiter)) {
      throw new RangeError(
        `Cannot read CSV: delimiter must be one of ",", ";", tab, "|", got "${delimiter}"`,
      );
    }
    chosen = delimiter;
    reason = "given";
  } else {
    const second = lines[1] ?? "";
    let best: Delimiter = ",", bestCount = 0;
    for (const d of CANDIDATES) {
      const count = countOutsideQuotes(headerLine, d);
      if (count > bestCount && countOutsideQuotes(second, d) === count) {
        best = d;
        bestCount = count;
      }
    }
    chosen = best;
    reason = bestCount > 0
      ? `detected (${bestCount + 1} columns in the header and first row)`
      : "default (one column)";
  }
  return { bom, delimiter: chosen, delimiterReason: reason, header: splitLine(headerLine, chosen) };
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0, quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}

function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let current = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}
