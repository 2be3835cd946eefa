import { ApiError } from '../http/api/errors';
import { UserError } from '../lib/errors';

/** Runs a service call, answering its refusals (UserError) with their Chinese message and a 4xx. */
export async function refusalsAsApiErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserError) {
      const status = err.code === 'forbidden' ? 403 : err.code === 'not_found' ? 404 : 409;
      throw new ApiError(status, err.code, err.userMessage ?? err.message);
    }
    throw err;
  }
}
