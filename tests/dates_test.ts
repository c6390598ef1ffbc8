// Calendar facts checked against a printed calendar: 2024 is a leap year, 1970-01-01 was a
// Thursday, 2024-11-28 (Thanksgiving) a Thursday.
import assert from "node:assert/strict";
import {
  continueWeekly,
  dayFromParts,
  dayOfYear,
  epochDay,
  isoFromDay,
  toDates,
  weekdayOfDay,
  yearOfDay,
} from "mixlab/dates.ts";

Deno.test("epochDay() and isoFromDay() invert each other across a leap day", () => {
  assert.equal(epochDay("1970-01-01"), 0);
  assert.equal(epochDay("2024-03-01") - epochDay("2024-02-28"), 2);
  assert.equal(isoFromDay(epochDay("2024-02-29")), "2024-02-29");
});

Deno.test("dayFromParts() rejects dates that do not exist", () => {
  assert.equal(dayFromParts(2024, 2, 29), epochDay("2024-02-29"));
  assert.equal(dayFromParts(2023, 2, 29), undefined);
  assert.equal(dayFromParts(2024, 13, 1), undefined);
});

Deno.test("weekdayOfDay(), yearOfDay() and dayOfYear() by the calendar", () => {
  assert.equal(weekdayOfDay(0), 3); // Thursday
  assert.equal(weekdayOfDay(epochDay("2024-11-28")), 3);
  assert.equal(weekdayOfDay(epochDay("2024-01-01")), 0); // Monday
  assert.equal(yearOfDay(epochDay("2024-12-31")), 2024);
  assert.equal(dayOfYear(epochDay("2024-12-31")), 365); // leap year: 366 days, 0-based
  assert.equal(dayOfYear(epochDay("2023-04-02")), 91);
});

Deno.test("continueWeekly() steps 7 days over a year end; toDates() gives UTC midnights", () => {
  assert.deepEqual(continueWeekly("2024-12-23", 3), ["2024-12-30", "2025-01-06", "2025-01-13"]);
  assert.deepEqual(toDates(["2024-01-08"]).map((d) => d.toISOString()), [
    "2024-01-08T00:00:00.000Z",
  ]);
});
