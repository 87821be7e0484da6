import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../device-daemon/api/router';
import { apiFailureOf, platformFailure } from '../../../device-daemon/capabilities/failures';
import { FormProblem } from '../../../device-daemon/catalog/form-check';
import { DeviceCommandError } from '../../../device-daemon/devices/device';
import { PlatformError } from '../../../device-daemon/platform/types';
import { StoreUnavailable } from '../../../device-daemon/store/store-service';

describe("a part's typed error becomes the API's answer in one place", () => {
  it.each([
    [new FormProblem('payload.answers.x', 'missing', 'payload.answers.x: an answer is required'), 'invalidArgs', { field: 'payload.answers.x', reason: 'missing' }],
    [new StoreUnavailable('store locked'), 'storeUnavailable', undefined],
    [new DeviceCommandError('invalidArgs', 'bad param'), 'invalidArgs', undefined],
    [new PlatformError('giveUp', 'VALIDATION_FAILED', 'refused'), 'platformRejected', undefined],
    [new PlatformError('needsStaff', 'CONFLICT', 'a person must look'), 'needsStaff', undefined],
    [new PlatformError('retry', 'timeout', 'no answer'), 'platformUnavailable', undefined],
  ])('%s → %s', (err, code, detail) => {
    const f = apiFailureOf(err);
    expect(f).toBeInstanceOf(ApiFailure);
    expect(f).toMatchObject({ code, message: (err as Error).message, detail });
  });

  it('an API failure stays as it is; an unknown error is not disguised (the router answers internalError)', () => {
    const own = new ApiFailure('notFound', 'x');
    expect(apiFailureOf(own)).toBe(own);
    const bug = new TypeError('undefined is not a function');
    expect(apiFailureOf(bug)).toBe(bug);
    // …but a platform that fails in any way is unavailable to the resident
    expect(platformFailure(new Error('ECONNRESET'))).toMatchObject({ code: 'platformUnavailable', message: 'ECONNRESET' });
  });
});
