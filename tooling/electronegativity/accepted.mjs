// The policy half of the scan, pure and tested (tests/security/scan-policy.test.ts): read the
// "Scan findings we accept" table from docs/SECURITY.md and sort the scanner's findings into
// accepted (a row names the same check id and file) and unexplained.

/** Heading of the section that holds the table (any level). */
export const ACCEPTED_HEADING = 'Scan findings we accept';

/**
 * Parses the accepted-findings table. Rows are `| CHECK_ID | file | reason |` with the file
 * relative to the scanned folder (`out/`); backticks around cells are ignored. Returns the
 * rows and, for a missing section or a malformed row, one problem line each.
 * @param {string} markdown
 * @returns {{ rows: { check: string; file: string; reason: string; line: number }[]; problems: string[] }}
 */
export function parseAcceptedFindings(markdown) {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex(
    (l) => /^#{1,6}\s/.test(l) && l.replace(/^#+\s*/, '').trim() === ACCEPTED_HEADING,
  );
  if (start < 0) return { rows: [], problems: [`no "${ACCEPTED_HEADING}" section`] };
  const rows = [];
  const problems = [];
  let seenHeader = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (/^#{1,6}\s/.test(line)) break;
    if (!line.startsWith('|')) continue;
    const cells = splitRow(line);
    if (cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
    // The first row of the table names the columns.
    if (!seenHeader) {
      seenHeader = true;
      continue;
    }
    const [check = '', file = '', reason = ''] = cells.map(unquote);
    if (cells.length !== 3 || !/^[A-Z0-9_]+$/.test(check) || file === '' || reason === '') {
      problems.push(`docs/SECURITY.md:${i + 1}: malformed row (want | CHECK_ID | file | reason |): ${line}`);
      continue;
    }
    rows.push({ check, file, reason, line: i + 1 });
  }
  return { rows, problems };
}

/**
 * Sorts findings by the table: each finding is accepted when a row has its check id and
 * file; rows that accept nothing are stale (the justification outlived the finding).
 * @param {{ id: string; file: string }[]} issues
 * @param {{ check: string; file: string }[]} rows
 */
export function reviewFindings(issues, rows) {
  const used = new Set();
  const accepted = [];
  const unexplained = [];
  for (const issue of issues) {
    const row = rows.find((r) => r.check === issue.id && r.file === issue.file);
    if (row) {
      used.add(row);
      accepted.push({ issue, row });
    } else {
      unexplained.push(issue);
    }
  }
  return { accepted, unexplained, stale: rows.filter((r) => !used.has(r)) };
}

/**
 * One line for a finding: check id, file:line:column, and the scanner's description.
 * @param {{ id: string; file: string; location?: { line: number; column: number }; description?: string }} issue
 */
export function formatFinding(issue) {
  const where = issue.location ? `${issue.file}:${issue.location.line}:${issue.location.column}` : issue.file;
  return `${issue.id} ${where}${issue.description ? ` (${issue.description})` : ''}`;
}

function splitRow(line) {
  // Split on pipes that are not escaped (`\|` may appear inside a reason).
  const inner = line.replace(/^\|/, '').replace(/\|\s*$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function unquote(cell) {
  return cell.replace(/^`(.*)`$/, '$1').trim();
}
