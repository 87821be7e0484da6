import { ComplaintPayload } from '../../../contract/api/submission';

export const COMPLAINT_CATEGORIES_IN_CONTRACT = ComplaintPayload.shape.category.options;
