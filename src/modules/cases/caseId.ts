import { uuidv7 } from '../../platform/uuidv7.ts';

/**
 * The id of a new case. The staff list breaks ties in its sort (cases received at the same
 * moment, as a stack of letters entered with one time of receipt) by id, so ids are
 * time-ordered: the tied cases then show in the order they were registered, as their numbers.
 */
export const newCaseId: () => string = uuidv7;
