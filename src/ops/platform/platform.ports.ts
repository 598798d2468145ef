// The small views of the libraries the ops endpoints depend on, so /ready and /metrics keep
// working whatever adapter or runner is plugged in behind them.

/** One projection as the runner reports it (a subset of @lib/projections' status rows). */
export interface ProjectionStatusView {
  name: string;
  version: number;
  /** Events of the log the projection has not applied yet. */
  lagEvents: number;
  running: boolean;
}

export interface ProjectionStatusSource {
  status(): Promise<readonly ProjectionStatusView[]>;
}
