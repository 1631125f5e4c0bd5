/** The partial sums as the code before the one-pass sums computed them (SQLite's GROUP BY, services/consolidation.ts at 6ef6502). */
export const GROUP_BY_SQL =
  'SELECT u.kind, v.element, v.cell, v.state, SUM(v.num), COUNT(*) FROM submissions s ' +
  'JOIN units u ON u.id = s.unit_id ' +
  'JOIN submission_values v ON v.submission_id = s.id ' +
  "WHERE s.period_id = ? AND s.superseded_by IS NULL AND v.state IN ('number', 'yesno') " +
  'GROUP BY u.kind, v.element, v.cell, v.state';
