const levels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof levels)[number];

export interface Logger {
  debug(message: string, data?: object): void;
  info(message: string, data?: object): void;
  warn(message: string, data?: object): void;
  error(message: string, data?: object): void;
}

/** A small line logger: structured enough to grep, no dependency needed for a single process. */
export function createLogger(level: LogLevel = 'info'): Logger {
  const min = levels.indexOf(level);
  const log = (at: Exclude<LogLevel, 'silent'>) => (message: string, data?: object) => {
    if (levels.indexOf(at) < min) return;
    const line = `${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} ${message}`;
    const out = data ? `${line} ${JSON.stringify(data)}` : line;
    if (at === 'error' || at === 'warn') console.error(out);
    else console.log(out);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
