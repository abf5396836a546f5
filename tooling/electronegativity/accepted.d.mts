/** Heading of the section of docs/SECURITY.md that holds the accepted-findings table. */
export const ACCEPTED_HEADING: string;

/** One row of the accepted-findings table. */
export interface AcceptedRow {
  check: string;
  file: string;
  reason: string;
  line: number;
}

/** A finding as the scanner reports it (the fields the policy reads). */
export interface Finding {
  id: string;
  file: string;
  location?: { line: number; column: number };
  description?: string;
}

/** Parses the accepted-findings table out of docs/SECURITY.md. */
export function parseAcceptedFindings(markdown: string): { rows: AcceptedRow[]; problems: string[] };

/** Sorts findings into accepted and unexplained; rows accepting nothing are stale. */
export function reviewFindings<F extends Finding, R extends { check: string; file: string }>(
  issues: F[],
  rows: R[],
): { accepted: { issue: F; row: R }[]; unexplained: F[]; stale: R[] };

/** One line for a finding: check id, file:line:column, and the description. */
export function formatFinding(issue: Finding): string;
