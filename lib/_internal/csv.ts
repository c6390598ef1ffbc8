/**
 * CSV text as RFC 4180 writes it: fields separated by commas, records by line breaks; a field
 * that holds a comma, a double quote, a line break or surrounding spaces is quoted, with its
 * double quotes doubled. Used for files a user edits in a spreadsheet and mixlab reads back
 * (spend plans), so any channel name survives the round trip.
 *
 * @module
 */

/** One field as CSV text: quoted when it has to be. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record as a CSV line (without the line break). */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/**
 * Splits CSV text into records of fields. Quoted fields keep everything between their quotes
 * (commas, line breaks, spaces; `""` is one quote) and spaces around the quotes are dropped;
 * unquoted fields lose surrounding spaces, as spreadsheets pad them. Blank lines are skipped, and a leading byte-order mark is dropped.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [], field = "", quoted = false, wasQuoted = false, blank = true;
  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!blank) records.push(fields);
    fields = [];
    blank = true;
  };
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (s[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field.trim() === "") {
      quoted = wasQuoted = true;
      blank = false;
      field = "";
    } else if (ch === ",") {
      endField();
      blank = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      endRecord();
    } else if (!(wasQuoted && ch.trim() === "")) {
      field += ch;
      if (ch.trim() !== "") blank = false;
    }
  }
  endRecord();
  return records;
}
