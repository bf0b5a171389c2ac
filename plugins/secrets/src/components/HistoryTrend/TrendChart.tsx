import type { HistoryPoint } from '@ameideio/plugin-secrets-common';
import { Box, Typography, useTheme } from '@material-ui/core';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/** The lines drawn, with the text of their legend. */
const SERIES = [
  { key: 'errors', name: 'Errors', tone: 'error' },
  { key: 'warnings', name: 'Warnings', tone: 'warning' },
  { key: 'syncErrors', name: 'Sync errors', tone: 'secondary' },
  { key: 'overdueKeys', name: 'Overdue keys', tone: 'info' },
] as const;

/** One sentence a screen reader can say instead of the drawing. */
export function trendSummary(points: HistoryPoint[]): string {
  if (!points.length) return 'No history yet.';
  const first = points[0];
  const last = points[points.length - 1];
  const coverage =
    last.fixtureCoverage === null
      ? ''
      : `, fixture coverage ${last.fixtureCoverage}%`;
  return `${last.errors} errors, ${last.warnings} warnings, ${last.syncErrors} sync errors and ${last.overdueKeys} overdue keys on ${last.date}${coverage}; ${first.errors} errors on ${first.date}.`;
}

/**
 * Errors, warnings, sync errors and overdue keys per day, and the fixture
 * coverage on its own axis. The drawing carries `data-*` attributes of the
 * last point so a browser test can compare it with the backend's answer.
 */
export const TrendChart = ({
  points,
  title,
}: {
  points: HistoryPoint[];
  title: string;
}) => {
  const theme = useTheme();
  const colour = (tone: (typeof SERIES)[number]['tone']) =>
    theme.palette[tone].main;
  const last = points[points.length - 1];
  const summary = trendSummary(points);
  return (
    <Box
      role="figure"
      aria-label={title}
      data-testid="secrets-trend"
      data-points={points.length}
      data-last-date={last?.date ?? ''}
      data-last-errors={last?.errors ?? ''}
    >
      {points.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No history yet: the first point appears after the next refresh.
        </Typography>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <LineChart
            data={points}
            margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} />
            <YAxis yAxisId="count" allowDecimals={false} />
            <YAxis
              yAxisId="coverage"
              orientation="right"
              domain={[0, 100]}
              unit="%"
            />
            <Tooltip />
            <Legend />
            {SERIES.map(s => (
              <Line
                key={s.key}
                yAxisId="count"
                type="monotone"
                dataKey={s.key}
                name={s.name}
                stroke={colour(s.tone)}
                dot={points.length <= 31}
                isAnimationActive={false}
              />
            ))}
            <Line
              yAxisId="coverage"
              type="stepAfter"
              dataKey="fixtureCoverage"
              name="Fixture coverage"
              stroke={theme.palette.success.main}
              strokeDasharray="6 3"
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="secrets-trend-summary"
      >
        {points.length ? summary : ''}
      </Typography>
    </Box>
  );
};
