import { Chip, makeStyles } from '@material-ui/core';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import HelpOutline from '@material-ui/icons/HelpOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import type { ReactElement } from 'react';

/** The tone of a chip; the text always carries the meaning, the tone only repeats it. */
export type ChipTone = 'ok' | 'error' | 'warning' | 'neutral' | 'info';

const useStyles = makeStyles(theme => ({
  chip: { margin: 0, maxWidth: '100%' },
  ok: {
    borderColor: theme.palette.success.main,
    color: theme.palette.success.dark,
    '& svg': { color: theme.palette.success.main },
  },
  error: {
    borderColor: theme.palette.error.main,
    color: theme.palette.error.dark,
    '& svg': { color: theme.palette.error.main },
  },
  warning: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.dark,
    '& svg': { color: theme.palette.warning.main },
  },
  info: {
    borderColor: theme.palette.info.main,
    color: theme.palette.info.dark,
    '& svg': { color: theme.palette.info.main },
  },
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
