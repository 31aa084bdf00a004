import 'server-only';
import pino from 'pino';
import { config } from './config';

/** Structured logs to stdout; secrets are redacted wherever they could appear. */
export const log = pino({
  level: config().LOG_LEVEL,
  base: { service: 'yuntu' },
  redact: {
    paths: ['password', '*.password', 'token', '*.token', 'headers["x-auth-token"]', 'headers.cookie'],
    censor: '[redacted]',
  },
});
