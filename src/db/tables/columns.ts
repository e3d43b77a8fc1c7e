import type { ColumnType } from 'kysely';

/** Column helpers shared by the table files. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type DateOnly = ColumnType<string, string | undefined, string>;
export type Json<T = Record<string, unknown>> = ColumnType<T, T | string | undefined, T | string>;
