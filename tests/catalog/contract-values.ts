import { ComplaintPayload } from '../../device-daemon/api/contract/submission';

export const COMPLAINT_CATEGORIES_IN_CONTRACT = ComplaintPayload.shape.category.options;
