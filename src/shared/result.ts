/** The envelope every door returns: handlers never throw across a door. */

export type ErrorCode =
  | 'invalid_input'
  | 'unknown_operation'
  | 'not_found'
  | 'conflict'
  | 'period_closed'
  | 'bad_file'
  | 'unauthorized'
  /** the database file is held by another program (another window, a bdg command, a sync tool) */
  | 'db_locked'
  /** another writer held the database longer than the busy timeout: try again */
  | 'db_busy'
  /** the database file or its folder cannot be written */
  | 'read_only'
  /** the disk holding the database is full */
  | 'disk_full'
  | 'internal';

export interface AppErrorData {
  code: ErrorCode;
  /** Vietnamese, for the officer: what is wrong and what to do. */
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorData };

/** Thrown inside services and handlers; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export const INTERNAL_MESSAGE =
  'Đã xảy ra lỗi không mong muốn. Dữ liệu chưa bị thay đổi. Hãy thử lại; nếu lỗi lặp lại, hãy sao lưu và liên hệ bộ phận kỹ thuật.';
