/**
 * The contoso example, enriched for report tests: issued per-device licence records on lic01 (one
 * with hostile names), and a history of ten daily runs in which lic01's per-user pool grows by one
 * CAL a day and lic02's stays flat, followed by a torn line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DAY_MS = 86_400_000;

/** Adds issued per-device licence records to lic01 in the copy's estate, one with hostile names. */
export function addIssuedLicences(directory: string): void {
  const file = path.join(directory, 'estate.yaml');
  const estate = readFileSync(file, 'utf8').replace(
    '            total: 50, issued: 31, available: 19, description: Windows Server 2022 - RDS Per Device CAL }\n',
    '            total: 50, issued: 31, available: 19, description: Windows Server 2022 - RDS Per Device CAL }\n' +
      '      issuedLicenses:\n' +
      '        - { keyPackId: 4, licenseId: 1, issuedToComputer: KIOSK-CLIENT-01, issuedAt: "2026-03-01T09:00:00Z", expiresAt: "2026-06-01T09:00:00Z", status: active }\n' +
      '        - { keyPackId: 4, licenseId: 2, issuedToComputer: "=HYPERLINK(\\"x\\")<img src=x onerror=alert(1)>", issuedToUser: "a,b", status: temporary }\n',
  );
  writeFileSync(file, estate);
}

export function writeHistory(directory: string, now: number): string {
  const file = path.join(directory, 'history.jsonl');
  const lines = Array.from({ length: 10 }, (_, index) => {
    const daysAgo = 10 - index;
    return JSON.stringify({
      time: new Date(now - daysAgo * DAY_MS).toISOString(),
      pools: { 'lic01.corp.contoso.com|perUser|7': { issued: 143 - daysAgo, total: 200 }, 'lic02.corp.contoso.com|perUser|7': { issued: 58, total: 100 } },
    });
  });
  writeFileSync(file, `${lines.join('\n')}\n{"torn":\n`);
  return file;
}
