import assert from "node:assert/strict";
import { csvRecord, parseCsv } from "../../lib/_internal/csv.ts";

Deno.test("parseCsv() reads RFC 4180 quoting, line breaks and padding", () => {
  // RFC 4180 §2: fields with commas, quotes or line breaks are quoted; "" is a quote
  const text = '\uFEFFdate, "a,b" ,"say ""hi"""\r\n2024-01-01,  1 ,"x\ny"\n\n   \nlast,,"  "';
  assert.deepEqual(parseCsv(text), [
    ["date", "a,b", 'say "hi"'],
    ["2024-01-01", "1", "x\ny"],
    ["last", "", "  "],
  ]);
});

Deno.test("csvRecord() quotes only what needs it, and parseCsv() reads it back", () => {
  const names = ["tv", "a,b", 'q"uote', "line\nbreak", " padded ", "</script><!--", "\u2028"];
  const line = csvRecord(names);
  assert.equal(
    line,
    'tv,"a,b","q""uote","line\nbreak"," padded ",</script><!--,"\u2028"',
  );
  assert.deepEqual(parseCsv(`${line}\n${csvRecord(["1", "2"])}\n`), [names, ["1", "2"]]);
});
