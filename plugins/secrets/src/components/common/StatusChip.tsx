import { Chip, makeStyles } from '@material-ui/core';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import type { ReactElement } from 'react';

/** The tone of a chip; the text always carries the meaning, the tone only repeats it. */
export type ChipTone = 'ok' | 'error' | 'warning' | 'neutral' | 'info';

/** Border, text and icon in one palette colour. */
const toned = (color: { main: string; dark: string }) => ({
  borderColor: color.main,
  color: color.dark,
  '& svg': { color: color.main },
});

const useStyles = makeStyles(theme => ({
  chip: { margin: 0, maxWidth: '100%' },
  ok: toned(theme.palette.success),
  error: toned(theme.palette.error),
  warning: toned(theme.palette.warning),
  info: toned(theme.palette.info),
  neutral: {},
}));

const ICONS: Record<ChipTone, ReactElement> = {
  ok: <CheckCircleOutline aria-hidden />,
  error: <ErrorOutline aria-hidden />,
  warning: <ReportProblemOutlined aria-hidden />,
  info: <HelpOutline aria-hidden />,
  neutral: <RemoveCircleOutline aria-hidden />,
};

/** A small outlined chip: icon plus text, so status never depends on colour. */
export const StatusChip = (props: {
  label: string;
  tone: ChipTone;
  title?: string;
}) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={ICONS[props.tone]}
      label={props.label}
      title={props.title ?? props.label}
      className={`${classes.chip} ${classes[props.tone]}`}
    />
  );
};
