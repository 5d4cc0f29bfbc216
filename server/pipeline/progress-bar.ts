import cliProgress from 'cli-progress';
import type { FetchProgress } from './fetch-sources.ts';

/** Receives `fetchSources` progress; call `stop()` when fetching ends (also on failure) to release the terminal. */
export interface ProgressReporter {
  onProgress: (progress: FetchProgress) => void;
  stop: () => void;
}

/**
 * One bar per file on a terminal; elsewhere (CI logs, piped output, server logs) bars would be noise,
 * so one line is printed per file once all its bytes have arrived.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stdout): ProgressReporter {
  if (!stream.isTTY) {
    return {
      onProgress: ({ fileId, received, total }) => {
        if (received === total) stream.write(`${fileId}: received ${formatBytes(received)}\n`);
      },
      stop: () => {},
    };
  }
  const multiBar = new cliProgress.MultiBar(
    {
      stream,
      // The id goes first because cli-progress cuts lines at the terminal width.
      format: ' {fileId} {bar} {percentage}% | {size}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    onProgress: ({ fileId, received, total }) => {
      let bar = bars.get(fileId);
      if (!bar) {
        bar = multiBar.create(total, 0, { fileId: fileId.padEnd(20), size: '' });
        bars.set(fileId, bar);
      }
      bar.update(received, { size: `${formatBytes(received)} / ${formatBytes(total)}` });
    },
    stop: () => multiBar.stop(),
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
