/**
 * The rows of a `… RETURNING` statement run through TypeORM's `query()`: node-postgres answers
 * UPDATE and DELETE with `[rows, affectedCount]`, SELECT and INSERT with the rows alone.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (!Array.isArray(result)) return [];
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}
